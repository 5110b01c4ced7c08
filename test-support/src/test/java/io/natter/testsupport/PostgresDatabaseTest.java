package io.natter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Against the machine's PostgreSQL ({@code NATTER_PG_URL}). */
class PostgresDatabaseTest {

    @Test
    void aFreshDatabaseIsUsableAndGoneAfterClose() throws Exception {
        PostgresDatabase database = PostgresDatabase.create("natter_support_test");
        try (var c = database.connect(); var s = c.createStatement(); var rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(database.name()).startsWith("natter_support_test_");
        } finally {
            database.close();
        }
        assertThatThrownBy(database::connect).isInstanceOf(SQLException.class).hasMessageContaining(database.name());
        assertThat(database.env()).containsEntry("NATTER_PG_URL", database.url());
    }

    @Test
    void aPrefixThatIsNoPlainNameIsRefused() {
        assertThatThrownBy(() -> PostgresDatabase.create("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
