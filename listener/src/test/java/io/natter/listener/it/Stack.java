package io.natter.listener.it;

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
 * The real services around the listener, as {@link ServiceProcess}es on free ports: app-api on a
 * fresh PostgreSQL database and RabbitMQ names under a unique prefix, the router on the stack's
 * own {@code router/config/natter.json} (the listener role's real permissions), the
 * authenticator (so users join and are authorized as in production) and the listener, with a
 * Redis key prefix of its own. Each runs from a copy of its {@code quarkus-app} in
 * {@code target/it-apps} (a rebuild during the run never changes a running binary); logs go to
 * {@code target/it-logs/<service>-<run>.log}.
 */
final class Stack implements AutoCloseable {

    private static final String CREDENTIAL = "it-service-credential-" + Randoms.hex(8);
    private static final String AUTHENTICATOR_SECRET = "it-authenticator-secret-" + Randoms.hex(8);
    private static final String LISTENER_SECRET = "it-listener-secret-" + Randoms.hex(8);
    private static final Duration START = Duration.ofSeconds(60);

    private final String run = Randoms.hex(4);
    private final Path root = Path.of(System.getProperty("natter-it.root", "..")).toAbsolutePath().normalize();
    private final Path logs = Path.of("target", "it-logs").toAbsolutePath();
    private final Path apps = Path.of("target", "it-apps", run).toAbsolutePath();
    private final RabbitPrefix rabbit = RabbitPrefix.create("it-listener");
    private final PostgresDatabase database;
    private final int appPort;
    private final int routerPort;
    final String redisPrefix = "it-listener-" + Randoms.hex(5) + ".";
    private final String redisUrl;

    /**
     * Redis and RabbitMQ other than the machine's (the fault test's containers): the listener uses
     * both, app-api the RabbitMQ (it consumes what the listener publishes); the router and the
     * authenticator stay on the machine's services.
     */
    record Infra(String redisUrl, String rabbitHost, int rabbitPort) {
        Map<String, String> rabbitEnv() {
            return Map.of("NATTER_RABBITMQ_HOST", rabbitHost, "NATTER_RABBITMQ_PORT", Integer.toString(rabbitPort));
        }
    }

    final ServiceProcess appApi;
    final ServiceProcess router;
    final ServiceProcess authenticator;
    final ServiceProcess listener;
    /** A second listener beside the first (same router, Redis prefix and RabbitMQ names); started by the test that needs it. */
    final ServiceProcess secondListener;

    private Stack(PostgresDatabase database, Infra infra) {
        this.database = database;
        this.redisUrl = infra != null ? infra.redisUrl()
                : System.getenv().getOrDefault("NATTER_REDIS_URL", "redis://127.0.0.1:6379");
        List<Integer> ports = Ports.free(5);
        appPort = ports.get(0);
        routerPort = ports.get(1);
        int internalPort = ports.get(2);
        int authenticatorPort = ports.get(3);
        int listenerPort = ports.get(4);

        Map<String, String> app = new HashMap<>(rabbit.env());
        app.putAll(database.env());
        if (infra != null) {
            app.putAll(infra.rabbitEnv());
        }
        app.put("NATTER_APP_PORT", Integer.toString(appPort));
        app.put("NATTER_INTERNAL_CREDENTIAL", CREDENTIAL);
        app.put("NATTER_BCRYPT_COST", "4");
        // Every user signs up from 127.0.0.1: lift app-api's per-address sign-up limit.
        app.put("NATTER_SIGNUP_MAX_PER_ADDRESS", "100000");
        appApi = service("app-api", appPort, app);

        Map<String, String> routerEnv = new HashMap<>();
        routerEnv.put("NATTER_ROUTER_CONFIG", root.resolve("router/config/natter.json").toString());
        routerEnv.put("NATTER_ROUTER_PORT", Integer.toString(routerPort));
        routerEnv.put("NATTER_ROUTER_INTERNAL_PORT", Integer.toString(internalPort));
        routerEnv.put("NATTER_AUTHENTICATOR_SECRET", AUTHENTICATOR_SECRET);
        routerEnv.put("NATTER_LISTENER_SECRET", LISTENER_SECRET);
        routerEnv.put("NATTER_NOTIFIER_SECRET", "it-notifier-" + Randoms.hex(8));
        routerEnv.put("QUARKUS_HTTP_PORT", Integer.toString(routerPort));
        router = service("router", routerPort, routerEnv);

        Map<String, String> auth = new HashMap<>(rabbit.env());
        auth.putAll(worker("authenticator", AUTHENTICATOR_SECRET, internalPort));
        auth.put("NATTER_AUTHENTICATOR_PORT", Integer.toString(authenticatorPort));
        authenticator = service("authenticator", authenticatorPort, auth);

        Map<String, String> listen = new HashMap<>(rabbit.env());
        if (infra != null) {
            listen.putAll(infra.rabbitEnv());
        }
        listen.putAll(worker("listener", LISTENER_SECRET, internalPort));
        listen.put("NATTER_LISTENER_PORT", Integer.toString(listenerPort));
        listen.put("NATTER_REDIS_URL", redisUrl());
        listen.put("NATTER_LISTENER_REDIS_PREFIX", redisPrefix);
        // Rebuilt often, so a test sees a flushed Redis repaired within seconds.
        listen.put("NATTER_LISTENER_RECONCILE_INTERVAL", "2S");
        listener = service("listener", listenerPort, listen);
        Map<String, String> second = new HashMap<>(listen);
        int secondPort = Ports.free();
        second.put("NATTER_LISTENER_PORT", Integer.toString(secondPort));
        secondListener = service("listener", "listener-2", secondPort, second);
    }

    private Map<String, String> worker(String authid, String secret, int internalPort) {
        Map<String, String> env = new HashMap<>();
        env.put("NATTER_WAMP_URL", "ws://127.0.0.1:" + internalPort + "/ws");
        env.put("NATTER_WAMP_REALM", "natter");
        env.put("NATTER_WAMP_AUTHID", authid);
        env.put("NATTER_WAMP_SECRET", secret);
        env.put("NATTER_APP_URL", "http://127.0.0.1:" + appPort);
        env.put("NATTER_INTERNAL_CREDENTIAL", CREDENTIAL);
        return env;
    }

    /** Creates the database and starts app-api, the router, the authenticator and the listener, each ready; on failure cleans up. */
    static Stack start() {
        return start(null);
    }

    /** {@link #start()} with the listener (and app-api's RabbitMQ) on {@code infra}; {@code null}: the machine's services. */
    static Stack start(Infra infra) {
        Stack stack = new Stack(PostgresDatabase.create("natter_listener_it"), infra);
        try {
            for (ServiceProcess service : List.of(stack.appApi, stack.router, stack.authenticator, stack.listener)) {
                service.start(START);
            }
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private ServiceProcess service(String module, int port, Map<String, String> env) {
        return service(module, module, port, env);
    }

    private ServiceProcess service(String module, String name, int port, Map<String, String> env) {
        PackagedApp app = PackagedApp.of(root, module).copyTo(apps.resolve(name));
        return ServiceProcess.builder(name + "-" + run, app)
                .httpPort(port)
                .env(env)
                .workDir(root)
                .logFile(logs.resolve(name + "-" + run + ".log"))
                .build();
    }

    String routerUrl() {
        return "ws://127.0.0.1:" + routerPort + "/ws";
    }

    String redisUrl() {
        return redisUrl;
    }

    String appUrl() {
        return "http://127.0.0.1:" + appPort;
    }

    @Override
    public void close() {
        for (ServiceProcess process : new ServiceProcess[] {secondListener, listener, authenticator, router, appApi}) {
            if (process != null) {
                process.close();
            }
        }
        database.close();
        rabbit.close();
    }
}
