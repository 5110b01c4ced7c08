package io.natter.app.support;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * Points app-api at the machine's PostgreSQL and RabbitMQ (no Docker engine here):
 * {@code NATTER_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}) names the server, on
 * which a fresh database {@value #DATABASE} is made once per test JVM; {@code NATTER_RABBITMQ_HOST}
 * and {@code NATTER_RABBITMQ_PORT} name the broker, on which every exchange and queue gets a
 * per-JVM prefix so other builds sharing the broker are not disturbed.
 *
 * <p>With init argument {@code proxied=true}, both links go through NetCrusher TCP proxies that
 * tests cut and restore ({@link #links()}).
 */
public class TestServices implements QuarkusTestResourceLifecycleManager {

    /** The database the tests own. */
    public static final String DATABASE = "natter_app_test";
    /** Prefix of every RabbitMQ name in this JVM. */
    public static final String PREFIX = "test-" + UUID.randomUUID().toString().substring(0, 8) + ".";

    private static boolean databaseReady;
    private static volatile Links links;

    private boolean proxied;

    /** The proxies of the running proxied application. */
    public static Links links() {
        return links;
    }

    /** The two proxies: PostgreSQL and RabbitMQ. */
    public record Links(NioReactor reactor, TcpCrusher postgres, TcpCrusher rabbit) {
        void close() {
            postgres.close();
            rabbit.close();
            reactor.close();
        }
    }

    @Override
    public void init(Map<String, String> initArgs) {
        proxied = Boolean.parseBoolean(initArgs.getOrDefault("proxied", "false"));
    }

    @Override
    public Map<String, String> start() {
        recreateDatabase();
        URI server = URI.create(adminUrl().substring("jdbc:".length()));
        String pgHost = server.getHost();
        int pgPort = server.getPort() < 0 ? 5432 : server.getPort();
        String mqHost = rabbitHost();
        int mqPort = rabbitPort();
        if (proxied) {
            try {
                NioReactor reactor = new NioReactor();
                // Fixed ports, not 0: a proxy closed and opened again must come back where the app looks.
                TcpCrusher pg = TcpCrusherBuilder.builder().withReactor(reactor)
                        .withBindAddress("127.0.0.1", freePort()).withConnectAddress(pgHost, pgPort).buildAndOpen();
                TcpCrusher mq = TcpCrusherBuilder.builder().withReactor(reactor)
                        .withBindAddress("127.0.0.1", freePort()).withConnectAddress(mqHost, mqPort).buildAndOpen();
                links = new Links(reactor, pg, mq);
                pgHost = "127.0.0.1";
                pgPort = pg.getBindAddress().getPort();
                mqHost = "127.0.0.1";
                mqPort = mq.getBindAddress().getPort();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start proxies", e);
            }
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + DATABASE);
        config.put("quarkus.datasource.username", pgUser());
        config.put("natter.rabbitmq.host", mqHost);
        config.put("natter.rabbitmq.port", String.valueOf(mqPort));
        config.put("natter.rabbitmq.name-prefix", PREFIX);
        return config;
    }

    @Override
    public void stop() {
        if (links != null) {
            links.close();
            links = null;
        }
        deleteTopology();
    }

    /** JDBC URL of the test database, straight (not through a proxy). */
    public static String databaseUrl() {
        return databaseUrl(DATABASE);
    }

    /** JDBC URL of another database on the same server. */
    public static String databaseUrl(String database) {
        URI server = URI.create(adminUrl().substring("jdbc:".length()));
        int port = server.getPort() < 0 ? 5432 : server.getPort();
        return "jdbc:postgresql://" + server.getHost() + ":" + port + "/" + database;
    }

    /** Drops and creates a database of the tests' own on the server. */
    public static void recreateDatabase(String database) {
        try (java.sql.Connection c = DriverManager.getConnection(adminUrl(), pgUser(), pgPassword());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + database + ": " + e.getMessage(), e);
        }
    }

    /** Drops a database of the tests' own. */
    public static void dropDatabase(String database) {
        try (java.sql.Connection c = DriverManager.getConnection(adminUrl(), pgUser(), pgPassword());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + database + ": " + e.getMessage(), e);
        }
    }

    public static String pgUser() {
        return env("NATTER_PG_USER", "postgres");
    }

    public static String pgPassword() {
        return env("NATTER_PG_PASSWORD", "");
    }

    public static String rabbitHost() {
        return env("NATTER_RABBITMQ_HOST", "127.0.0.1");
    }

    public static int rabbitPort() {
        return Integer.parseInt(env("NATTER_RABBITMQ_PORT", "5672"));
    }

    private static String adminUrl() {
        String url = env("NATTER_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static synchronized void recreateDatabase() {
        if (databaseReady) {
            return;
        }
        // Fresh per run: migrations are applied from scratch, and no earlier run's rows remain.
        recreateDatabase(DATABASE);
        databaseReady = true;
    }

    private static void deleteTopology() {
        try (Connection c = Broker.factory().newConnection("natter-app-api-test-cleanup");
             Channel ch = c.createChannel()) {
            for (String q : new String[] {"natter.messages", "natter.messages.dlq"}) {
                ch.queueDelete(PREFIX + q);
            }
            for (String x : new String[] {"natter.messages", "natter.events", "natter.notifications"}) {
                ch.exchangeDelete(PREFIX + x);
            }
        } catch (Exception e) {
            // Cleanup is best effort; names are unique per run, so leftovers disturb nobody.
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
