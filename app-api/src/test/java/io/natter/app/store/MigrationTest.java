package io.natter.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natter.app.security.TokenKeys;
import io.natter.app.support.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The db module's migrations over rows of an older version (the application tests only ever
 * migrate an empty database). A database of its own on the machine's PostgreSQL.
 */
class MigrationTest {

    private static final String DATABASE = "natter_app_migration_test";

    @BeforeEach
    void freshDatabase() {
        TestServices.recreateDatabase(DATABASE);
    }

    @AfterEach
    void dropDatabase() {
        TestServices.dropDatabase(DATABASE);
    }

    private static Flyway flyway(String target) {
        return Flyway.configure()
                .dataSource(TestServices.databaseUrl(DATABASE), TestServices.pgUser(), TestServices.pgPassword())
                .locations("classpath:db/migration").target(target).load();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(TestServices.databaseUrl(DATABASE), TestServices.pgUser(),
                TestServices.pgPassword());
    }

    @Test
    void v2GivesEachVersion1TokenAnIdAndKeepsItsKey() throws SQLException {
        flyway("1").migrate();
        String aliceKey = TokenKeys.deriveKey("alice.old", "salt-a", 1000, 32);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (name, password_hash) VALUES ('alice', 'h'), ('bob', 'h'), ('carol', 'h')");
            s.execute("INSERT INTO tokens (user_name, derived_key, salt, iterations, keylen) VALUES"
                    + " ('alice', '" + aliceKey + "', 'salt-a', 1000, 32), ('bob', 'kb', 'salt-b', 1000, 32)");
        }

        flyway("latest").migrate();

        Map<String, String> ids = new HashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery(
                    "SELECT user_name, token_id, derived_key, salt, legacy FROM tokens ORDER BY user_name")) {
                while (r.next()) {
                    ids.put(r.getString(1), r.getString(2));
                    assertThat(TokenKeys.validId(r.getString(2))).as(r.getString(2)).isTrue();
                    assertThat(r.getBoolean(5)).as("legacy").isTrue();
                    if (r.getString(1).equals("alice")) {
                        assertThat(r.getString(3)).isEqualTo(aliceKey);
                        assertThat(r.getString(4)).isEqualTo("salt-a");
                    }
                }
            }
            assertThat(ids).containsOnlyKeys("alice", "bob");
            assertThat(ids.get("alice")).isNotEqualTo(ids.get("bob"));

            // New tokens sit beside the old one; a second legacy token or a malformed id cannot.
            s.execute("INSERT INTO tokens (token_id, user_name, derived_key, salt, iterations, keylen)"
                    + " VALUES ('AAAAAAAAAAAAAAAAAAAAAA', 'alice', 'k', 's', 1000, 32),"
                    + " ('BBBBBBBBBBBBBBBBBBBBBB', 'alice', 'k', 's', 1000, 32),"
                    + " ('CCCCCCCCCCCCCCCCCCCCCC', 'carol', 'k', 's', 1000, 32)");
            assertThatThrownBy(() -> s.execute("INSERT INTO tokens (token_id, user_name, derived_key, salt,"
                    + " iterations, keylen, legacy) VALUES ('DDDDDDDDDDDDDDDDDDDDDD', 'alice', 'k', 's', 1000, 32, true)"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("INSERT INTO tokens (token_id, user_name, derived_key, salt,"
                    + " iterations, keylen) VALUES ('short', 'alice', 'k', 's', 1000, 32)"))
                    .isInstanceOf(SQLException.class);
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM tokens WHERE user_name = 'alice'")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void v5KeepsEveryWaitingOutboxRowAnEventAndAcceptsOnlyKnownTargets() throws SQLException {
        flyway("4").migrate();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO outbox (routing_key, payload) VALUES ('membership.granted', '{\"type\": \"membership.granted\"}')");
        }

        flyway("latest").migrate();

        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT target, routing_key FROM outbox")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("events");
                assertThat(r.getString(2)).isEqualTo("membership.granted");
            }
            s.execute("INSERT INTO outbox (target, routing_key, payload) VALUES ('notifications', 'user.bob', '{}')");
            assertThatThrownBy(() -> s.execute("INSERT INTO outbox (target, routing_key, payload) VALUES ('elsewhere', 'x', '{}')"))
                    .isInstanceOf(SQLException.class);
        }
    }
}
