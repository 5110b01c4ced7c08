package io.natter.notifier.it;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
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
 * The real services around the notifier, as {@link ServiceProcess}es on free ports: app-api on a
 * fresh PostgreSQL database and RabbitMQ names under a unique prefix, the router on the stack's own
 * {@code router/config/natter.json} (the notifier role's real permissions), the authenticator (users
 * join and subscribe to their {@code natter.notify.<name>} as in production) and the notifier. Each
 * runs from a copy of its {@code quarkus-app} in {@code target/it-apps}; logs go to
 * {@code target/it-logs/<service>-<run>.log}.
 */
final class Stack implements AutoCloseable {

    private static final String CREDENTIAL = "it-service-credential-" + Randoms.hex(8);
    private static final String AUTHENTICATOR_SECRET = "it-authenticator-secret-" + Randoms.hex(8);
    private static final String NOTIFIER_SECRET = "it-notifier-secret-" + Randoms.hex(8);
    private static final Duration START = Duration.ofSeconds(60);

    private final String run = Randoms.hex(4);
    private final Path root = Path.of(System.getProperty("natter-it.root", "..")).toAbsolutePath().normalize();
    private final Path logs = Path.of("target", "it-logs").toAbsolutePath();
    private final Path apps = Path.of("target", "it-apps", run).toAbsolutePath();
    final RabbitPrefix rabbit = RabbitPrefix.create("it-notifier");
    private final PostgresDatabase database;
    private final int appPort;
    private final int routerPort;

    final ServiceProcess appApi;
    final ServiceProcess router;
    final ServiceProcess authenticator;
    final ServiceProcess notifier;

    private Stack(PostgresDatabase database) {
        this.database = database;
        List<Integer> ports = Ports.free(5);
        appPort = ports.get(0);
        routerPort = ports.get(1);
        int internalPort = ports.get(2);
        int authenticatorPort = ports.get(3);
        int notifierPort = ports.get(4);

        Map<String, String> app = new HashMap<>(rabbit.env());
        app.putAll(database.env());
        app.put("NATTER_APP_PORT", Integer.toString(appPort));
        app.put("NATTER_INTERNAL_CREDENTIAL", CREDENTIAL);
        app.put("NATTER_BCRYPT_COST", "4");
        app.put("NATTER_SIGNUP_MAX_PER_ADDRESS", "100000");
        appApi = service("app-api", appPort, app);

        Map<String, String> routerEnv = new HashMap<>();
        routerEnv.put("NATTER_ROUTER_CONFIG", root.resolve("router/config/natter.json").toString());
        routerEnv.put("NATTER_ROUTER_PORT", Integer.toString(routerPort));
        routerEnv.put("NATTER_ROUTER_INTERNAL_PORT", Integer.toString(internalPort));
        routerEnv.put("NATTER_AUTHENTICATOR_SECRET", AUTHENTICATOR_SECRET);
        routerEnv.put("NATTER_LISTENER_SECRET", "it-listener-" + Randoms.hex(8));
        routerEnv.put("NATTER_NOTIFIER_SECRET", NOTIFIER_SECRET);
        routerEnv.put("QUARKUS_HTTP_PORT", Integer.toString(routerPort));
        router = service("router", routerPort, routerEnv);

        Map<String, String> auth = new HashMap<>(rabbit.env());
        auth.putAll(worker("authenticator", AUTHENTICATOR_SECRET, internalPort));
        auth.put("NATTER_AUTHENTICATOR_PORT", Integer.toString(authenticatorPort));
        authenticator = service("authenticator", authenticatorPort, auth);

        Map<String, String> notify = new HashMap<>(rabbit.env());
        notify.putAll(worker("notifier", NOTIFIER_SECRET, internalPort));
        notify.put("NATTER_NOTIFIER_PORT", Integer.toString(notifierPort));
        notify.put("NATTER_NOTIFIER_PREFETCH", "32");
        // Back quickly after the router is: the test waits for it.
        notify.put("NATTER_WAMP_RECONNECT_MAX_DELAY", "1S");
        notifier = service("notifier", notifierPort, notify);
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

    /** Creates the database and starts app-api, the router, the authenticator and the notifier, each ready; on failure cleans up. */
    static Stack start() {
        Stack stack = new Stack(PostgresDatabase.create("natter_notifier_it"));
        try {
            for (ServiceProcess service : List.of(stack.appApi, stack.router, stack.authenticator, stack.notifier)) {
                service.start(START);
            }
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private ServiceProcess service(String module, int port, Map<String, String> env) {
        PackagedApp app = PackagedApp.of(root, module).copyTo(apps.resolve(module));
        return ServiceProcess.builder(module + "-" + run, app)
                .httpPort(port)
                .env(env)
                .workDir(root)
                .logFile(logs.resolve(module + "-" + run + ".log"))
                .build();
    }

    String routerUrl() {
        return "ws://127.0.0.1:" + routerPort + "/ws";
    }

    String appUrl() {
        return "http://127.0.0.1:" + appPort;
    }

    /** A connection to the test's broker (publishing notifications, reading the DLQ). */
    static Connection broker() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(System.getenv().getOrDefault("NATTER_RABBITMQ_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(System.getenv().getOrDefault("NATTER_RABBITMQ_PORT", "5672")));
        factory.setUsername(System.getenv().getOrDefault("NATTER_RABBITMQ_USER", "guest"));
        factory.setPassword(System.getenv().getOrDefault("NATTER_RABBITMQ_PASSWORD", "guest"));
        return factory.newConnection("natter-notifier-it");
    }

    @Override
    public void close() {
        for (ServiceProcess process : new ServiceProcess[] {notifier, authenticator, router, appApi}) {
            if (process != null) {
                process.close();
            }
        }
        database.close();
        // RabbitPrefix knows every name but the notifier's own queue.
        try (Connection c = broker(); Channel ch = c.createChannel()) {
            ch.queueDelete(rabbit.prefix() + "natter.notifier");
        } catch (Exception e) {
            // absent or broker away: nothing to clean
        }
        rabbit.close();
    }
}
