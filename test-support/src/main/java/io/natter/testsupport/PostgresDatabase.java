package io.natter.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh, empty PostgreSQL database {@code <prefix>_<random>} on the machine's server, created
 * through the admin connection of the test JVM's environment and dropped by {@link #close()}.
 *
 * <p>Environment: {@code NATTER_PG_URL} (the admin connection, default
 * {@value #DEFAULT_ADMIN_URL}), {@code NATTER_PG_USER} ({@code postgres}),
 * {@code NATTER_PG_PASSWORD} (empty). The new database lives beside the admin one: same host,
 * port and query parameters.
 */
public final class PostgresDatabase implements AutoCloseable {

    public static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?$");

    private final String adminUrl = Env.get("NATTER_PG_URL", DEFAULT_ADMIN_URL);
    private final String user = Env.get("NATTER_PG_USER", "postgres");
    private final String password = Env.get("NATTER_PG_PASSWORD", "");
    private final String name;
    private final String url;
    private boolean created;

    private PostgresDatabase(String prefix) {
        this.name = prefix + "_" + Randoms.hex(5);
        Matcher m = JDBC_URL.matcher(adminUrl);
        if (!m.matches()) {
            throw new IllegalStateException("NATTER_PG_URL is not jdbc:postgresql://host:port/database: " + adminUrl);
        }
        this.url = m.group(1) + name + (m.group(3) == null ? "" : m.group(3));
    }

    /** Creates {@code <prefix>_<10 hex digits>} ({@code prefix}: lower case, digits and {@code _}). */
    public static PostgresDatabase create(String prefix) {
        if (!prefix.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name prefix: " + prefix);
        }
        PostgresDatabase database = new PostgresDatabase(prefix);
        try {
            database.execute("CREATE DATABASE " + database.name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database.name + " through " + database.adminUrl
                    + " (set NATTER_PG_URL/NATTER_PG_USER/NATTER_PG_PASSWORD): " + e.getMessage(), e);
        }
        database.created = true;
        return database;
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of the new database. */
    public String url() {
        return url;
    }

    /** A connection to the new database, as its owner. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** What a Natter service needs to use this database: {@code NATTER_PG_URL}, {@code _USER}, {@code _PASSWORD}. */
    public Map<String, String> env() {
        return Map.of("NATTER_PG_URL", url, "NATTER_PG_USER", user, "NATTER_PG_PASSWORD", password);
    }

    /** Drops the database, ending whatever sessions still use it; a failure is reported, not thrown. */
    @Override
    public synchronized void close() {
        if (!created) {
            return;
        }
        created = false;
        try {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop database " + name + ": " + e.getMessage());
        }
    }

    private void execute(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** Names the database and the server, never the password. */
    @Override
    public String toString() {
        return "PostgresDatabase[" + name + " via " + adminUrl + " as " + user + "]";
    }
}
