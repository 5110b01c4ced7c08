package io.natter.authenticator.it;

import io.natter.testsupport.PackagedApp;
import io.natter.testsupport.Ports;
import io.natter.testsupport.PostgresDatabase;
import io.natter.testsupport.RabbitPrefix;
import io.natter.testsupport.Randoms;
import io.natter.testsupport.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real services the authenticator works between, as {@link ServiceProcess}es on free ports:
 * app-api on a fresh PostgreSQL database and RabbitMQ names under a unique prefix, the router on
 * {@code src/test/resources/router-it.json} (public transport: dynamic wampcra through
 * {@code natter.auth}, role {@code user} authorized by {@code natter.authorize}; internal
 * transport: static wampcra for the authenticator), and the authenticator itself, packaged.
 * Their logs go to {@code target/it-logs/<service>-<run>.log}.
 *
 * <p>The machine's services are named by {@code NATTER_PG_URL} (an admin database, default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}) and {@code NATTER_RABBITMQ_HOST}/{@code _PORT}
 * (see {@link PostgresDatabase} and {@link RabbitPrefix}).
 */
final class Stack implements AutoCloseable {

    private static final String CREDENTIAL = "it-service-credential-" + Randoms.hex(8);
    private static final String AUTHENTICATOR_SECRET = "it-authenticator-secret-" + Randoms.hex(8);
    private static final Duration START = Duration.ofSeconds(60);
    /** The serialization of every WAMP session of the run ({@code -Dnatter-it.serializer=msgpack}). */
    static final String SERIALIZER = System.getProperty("natter-it.serializer", "json");

    private final String run = Randoms.hex(4);
    private final Path root = Path.of(System.getProperty("natter-it.root", "..")).toAbsolutePath().normalize();
    private final Path logs = Path.of("target", "it-logs").toAbsolutePath();
    private final RabbitPrefix rabbit = RabbitPrefix.create("it-auth");
    private final PostgresDatabase database;
    private final int appPort;
    private final int routerPort;

    final ServiceProcess appApi;
    final ServiceProcess router;
    final ServiceProcess authenticator;

    private Stack(PostgresDatabase database) {
        this.database = database;
        List<Integer> ports = Ports.free(4);
        appPort = ports.get(0);
        routerPort = ports.get(1);
        int internalPort = ports.get(2);
        int authenticatorPort = ports.get(3);

        Map<String, String> app = new HashMap<>(rabbit.env());
        app.putAll(database.env());
        app.put("NATTER_APP_PORT", Integer.toString(appPort));
        app.put("NATTER_INTERNAL_CREDENTIAL", CREDENTIAL);
        app.put("NATTER_BCRYPT_COST", "4");
        // Every test user signs up from 127.0.0.1: lift the per-address sign-up limit.
        app.put("NATTER_SIGNUP_MAX_PER_ADDRESS", "100000");
        appApi = service("app-api", appPort, app);

        Map<String, String> routerEnv = new HashMap<>();
        routerEnv.put("NATTER_ROUTER_CONFIG", Path.of("src/test/resources/router-it.json").toAbsolutePath().toString());
        routerEnv.put("NATTER_IT_ROUTER_PORT", Integer.toString(routerPort));
        routerEnv.put("NATTER_IT_ROUTER_INTERNAL_PORT", Integer.toString(internalPort));
        routerEnv.put("NATTER_AUTHENTICATOR_SECRET", AUTHENTICATOR_SECRET);
        router = service("router", routerPort, routerEnv);

        Map<String, String> auth = new HashMap<>(rabbit.env());
        auth.put("NATTER_AUTHENTICATOR_PORT", Integer.toString(authenticatorPort));
        auth.put("NATTER_WAMP_URL", "ws://127.0.0.1:" + internalPort + "/ws");
        auth.put("NATTER_WAMP_REALM", "natter");
        auth.put("NATTER_WAMP_AUTHID", "authenticator");
        auth.put("NATTER_WAMP_SECRET", AUTHENTICATOR_SECRET);
        auth.put("NATTER_APP_URL", "http://127.0.0.1:" + appPort);
        auth.put("NATTER_INTERNAL_CREDENTIAL", CREDENTIAL);
        auth.put("NATTER_WAMP_SERIALIZER", SERIALIZER);
        authenticator = service("authenticator", authenticatorPort, auth);
    }

    /** Creates the database and starts app-api, the router and the authenticator, each ready; on failure cleans up. */
    static Stack start() {
        Stack stack = new Stack(PostgresDatabase.create("natter_auth_it"));
        try {
            for (ServiceProcess service : List.of(stack.appApi, stack.router, stack.authenticator)) {
                service.start(START);
            }
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private ServiceProcess service(String module, int port, Map<String, String> env) {
        return ServiceProcess.builder(module + "-" + run, PackagedApp.of(root, module))
                .httpPort(port)
                .env(env)
                .logFile(logs.resolve(module + "-" + run + ".log"))
                .build();
    }

    String routerUrl() {
        return "ws://127.0.0.1:" + routerPort + "/ws";
    }

    String appUrl() {
        return "http://127.0.0.1:" + appPort;
    }

    @Override
    public void close() {
        for (ServiceProcess process : List.of(authenticator, router, appApi)) {
            process.close();
        }
        database.close();
        rabbit.close();
    }
}
