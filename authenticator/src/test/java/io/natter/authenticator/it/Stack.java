package io.natter.authenticator.it;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real services the authenticator works between, as processes on free ports: app-api on a
 * fresh PostgreSQL database and RabbitMQ names under a unique prefix, the router on
 * {@code src/test/resources/router-it.json} (public transport: dynamic wampcra through
 * {@code natter.auth}, role {@code user} authorized by {@code natter.authorize}; internal
 * transport: static wampcra for the authenticator), and the authenticator itself, packaged.
 *
 * <p>The machine's services are named by {@code NATTER_PG_URL} (an admin database, default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}) and {@code NATTER_RABBITMQ_HOST}/{@code _PORT}.
 */
final class Stack implements AutoCloseable {

    static final String CREDENTIAL = "it-service-credential-" + hex(8);
    private static final String AUTHENTICATOR_SECRET = "it-authenticator-secret-" + hex(8);
    private static final Duration START = Duration.ofSeconds(60);
    /** The serialization of every WAMP session of the run ({@code -Dnatter-it.serializer=msgpack}). */
    static final String SERIALIZER = System.getProperty("natter-it.serializer", "json");

    final String suffix = hex(4);
    final String database = "natter_auth_it_" + suffix;
    final String prefix = "it-auth-" + suffix + ".";
    final int appPort = freePort();
    final int routerPort = freePort();
    final int internalPort = freePort();
    final int authenticatorPort = freePort();

    private final Path root = Path.of(System.getProperty("natter-it.root", "..")).toAbsolutePath().normalize();
    private final String adminUrl = env("NATTER_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private final String rabbitHost = env("NATTER_RABBITMQ_HOST", "127.0.0.1");
    private final int rabbitPort = Integer.parseInt(env("NATTER_RABBITMQ_PORT", "5672"));

    final ServiceProcess appApi;
    final ServiceProcess router;
    final ServiceProcess authenticator;

    Stack() {
        Map<String, String> rabbit = Map.of("NATTER_RABBITMQ_HOST", rabbitHost, "NATTER_RABBITMQ_PORT", Integer.toString(rabbitPort),
                "NATTER_RABBITMQ_NAME_PREFIX", prefix);

        Map<String, String> app = new HashMap<>(rabbit);
        app.put("NATTER_APP_PORT", Integer.toString(appPort));
        app.put("NATTER_PG_URL", adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1"));
        app.put("NATTER_INTERNAL_CREDENTIAL", CREDENTIAL);
        app.put("NATTER_BCRYPT_COST", "4");
        appApi = new ServiceProcess("app-api-" + suffix, root.resolve("app-api/target/quarkus-app/quarkus-run.jar"), app, appPort);

        Map<String, String> routerEnv = new HashMap<>();
        routerEnv.put("NATTER_ROUTER_CONFIG", Path.of("src/test/resources/router-it.json").toAbsolutePath().toString());
        routerEnv.put("NATTER_IT_ROUTER_PORT", Integer.toString(routerPort));
        routerEnv.put("NATTER_IT_ROUTER_INTERNAL_PORT", Integer.toString(internalPort));
        routerEnv.put("NATTER_AUTHENTICATOR_SECRET", AUTHENTICATOR_SECRET);
        router = new ServiceProcess("router-" + suffix, root.resolve("router/target/quarkus-app/quarkus-run.jar"), routerEnv, routerPort);

        Map<String, String> auth = new HashMap<>(rabbit);
        auth.put("NATTER_AUTHENTICATOR_PORT", Integer.toString(authenticatorPort));
        auth.put("NATTER_WAMP_URL", "ws://127.0.0.1:" + internalPort + "/ws");
        auth.put("NATTER_WAMP_REALM", "natter");
        auth.put("NATTER_WAMP_AUTHID", "authenticator");
        auth.put("NATTER_WAMP_SECRET", AUTHENTICATOR_SECRET);
        auth.put("NATTER_APP_URL", "http://127.0.0.1:" + appPort);
        auth.put("NATTER_INTERNAL_CREDENTIAL", CREDENTIAL);
        auth.put("NATTER_WAMP_SERIALIZER", SERIALIZER);
        authenticator = new ServiceProcess("authenticator-" + suffix, Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath(),
                auth, authenticatorPort);
    }

    Stack start() throws Exception {
        sql("CREATE DATABASE " + database);
        appApi.start(START);
        router.start(START);
        authenticator.start(START);
        return this;
    }

    String routerUrl() {
        return "ws://127.0.0.1:" + routerPort + "/ws";
    }

    String appUrl() {
        return "http://127.0.0.1:" + appPort;
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess process : List.of(authenticator, router, appApi)) {
            process.close();
        }
        sql("DROP DATABASE IF EXISTS " + database);
        deleteRabbitNames();
    }

    private void sql(String statement) throws SQLException {
        try (java.sql.Connection c = DriverManager.getConnection(adminUrl, env("NATTER_PG_USER", "postgres"), env("NATTER_PG_PASSWORD", ""));
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** The durable exchanges and queues app-api and the authenticator declared under this run's prefix. */
    private void deleteRabbitNames() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(rabbitHost);
        factory.setPort(rabbitPort);
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            for (String queue : List.of("natter.authenticator.events", "natter.messages", "natter.messages.dlq")) {
                channel.queueDelete(prefix + queue);
            }
            for (String exchange : List.of("natter.events", "natter.messages", "natter.notifications")) {
                channel.exchangeDelete(prefix + exchange);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
