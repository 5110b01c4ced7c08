package io.natter.app.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs units of JDBC work in one transaction each. Blocking: call it from worker threads only
 * (REST methods with plain return types, the RabbitMQ consumer thread, scheduled jobs).
 *
 * <p>Failures split two ways: PostgreSQL unreachable or refusing ({@link StoreUnavailableException},
 * answered 503 and retried), and anything else (a bug, rethrown as is).
 */
@ApplicationScoped
public class Db {

    private final AgroalDataSource dataSource;

    Db(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One unit of work on a connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in a transaction, committed when it returns and rolled back when it throws. */
    public <T> T tx(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Whether an exception is PostgreSQL's unique-violation. */
    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static RuntimeException translate(SQLException e) {
        String state = e.getSQLState();
        // 08: connection exceptions; 53: out of resources; 57: operator intervention (shutdown);
        // null: the pool's acquisition timeout. All of them pass when the server is back.
        if (state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57")) {
            return new StoreUnavailableException(e);
        }
        return new IllegalStateException("SQL failure, state " + state, e);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; closing it returns it to the pool, which discards it.
        }
    }
}
