package io.natter.e2e.support;

import io.natter.testsupport.PackagedApp;
import io.natter.testsupport.Ports;
import io.natter.testsupport.PostgresDatabase;
import io.natter.testsupport.RabbitPrefix;
import io.natter.testsupport.Randoms;
import io.natter.testsupport.ServiceProcess;
import io.natter.wamp.auth.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whole stack as local processes ({@link ServiceProcess} of natter-test-support) for the e2e
 * tests: a fresh PostgreSQL database {@code natter_e2e_<random>} on the machine's server, a RabbitMQ name prefix of its own, free
 * ports, generated secrets, and the packaged router, app-api, authenticator, listener and notifier (copied for the run
 * to {@code target/stack-apps}) started with them.
 * One stack serves every test class of a run ({@link #shared()}, started by {@link StackExtension});
 * it stops its processes, drops its database and deletes its queues and exchanges when the run ends
 * (and from a JVM shutdown hook if the run is cut short).
 *
 * <p>Environment of the test JVM: {@code NATTER_PG_URL} (the admin connection, default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code NATTER_PG_USER} ({@code postgres}),
 * {@code NATTER_PG_PASSWORD} (empty), {@code NATTER_RABBITMQ_HOST/PORT/USER/PASSWORD}
 * ({@code 127.0.0.1}, {@code 5672}, {@code guest}, {@code guest}), {@code NATTER_REDIS_URL}
 * ({@code redis://127.0.0.1:6379}; the listener's keys are under a prefix of the run). System properties (set by the
 * pom): {@code natter-e2e.root} (the repository), {@code natter-e2e.logs} (where each service logs
 * to {@code <service>.log}), {@code natter-e2e.js-dir}; optional {@code natter-e2e.router-config}
 * (default {@code router/config/natter.json}) and {@code natter-e2e.services} (which services
 * to run, default all five).
 */
public final class Stack implements AutoCloseable {

    public static final String REALM = "natter";
    public static final String ROUTER = "router";
    public static final String APP_API = "app-api";
    public static final String AUTHENTICATOR = "authenticator";
    public static final String LISTENER = "listener";
    public static final String NOTIFIER = "notifier";

    /** How long a service may take to become ready: three JVMs start at once on two cores. */
    static final Duration FIRST_START = Duration.ofSeconds(90);
    static final Duration RESTART = Duration.ofSeconds(45);

    private static Stack shared;
    private static RuntimeException startFailure;

    private final Path root = Path.of(System.getProperty("natter-e2e.root", "..")).toAbsolutePath().normalize();
    private final Path logs = Path.of(System.getProperty("natter-e2e.logs", "target/stack-logs")).toAbsolutePath();
    private final Path jsDir = Path.of(System.getProperty("natter-e2e.js-dir", "src/test/js")).toAbsolutePath();
    private final RabbitPrefix rabbit = RabbitPrefix.create("e2e");
    private final int routerPort;
    private final int internalPort;
    private final int appPort;
    private final int authenticatorPort;
    private final int listenerPort;
    private final int notifierPort;
    /** The listener's Redis keys of this run (on the machine's Redis, {@code NATTER_REDIS_URL}). */
    private final String redisPrefix = "e2e-" + Randoms.hex(5) + ".";
    private final Secret authenticatorSecret = Secret.of(Randoms.token());
    private final Secret listenerSecret = Secret.of(Randoms.token());
    private final Secret notifierSecret = Secret.of(Randoms.token());
    private final Secret internalCredential = Secret.of(Randoms.token());

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final List<JsClient> clients = new CopyOnWriteArrayList<>();
    private final AppApi app;
    private PostgresDatabase database;
    private boolean closed;

    private Stack() {
        List<Integer> ports = Ports.free(6);
        routerPort = ports.get(0);
        internalPort = ports.get(1);
        appPort = ports.get(2);
        authenticatorPort = ports.get(3);
        listenerPort = ports.get(4);
        notifierPort = ports.get(5);
        app = new AppApi(URI.create("http://127.0.0.1:" + appPort));
    }

    /** The stack of this run, started at the first call (which waits until every service is ready). */
    public static synchronized Stack shared() {
        if (startFailure != null) {
            // one attempt per run: the other classes fail at once instead of waiting again
            throw new IllegalStateException("the e2e stack failed to start earlier in this run: "
                    + startFailure.getMessage(), startFailure);
        }
        if (shared == null || shared.closed) {
            Stack stack = new Stack();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-stop"));
            try {
                stack.start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            shared = stack;
        }
        return shared;
    }

    private void start() {
        try {
            Files.createDirectories(logs);
            database = PostgresDatabase.create("natter_e2e");
            Set<String> wanted = Set.of(System.getProperty("natter-e2e.services",
                    ROUTER + "," + APP_API + "," + AUTHENTICATOR + "," + LISTENER + "," + NOTIFIER).split(","));
            if (wanted.contains(ROUTER)) {
                services.put(ROUTER, routerProcess());
            }
            if (wanted.contains(APP_API)) {
                services.put(APP_API, appApiProcess());
            }
            if (wanted.contains(AUTHENTICATOR)) {
                services.put(AUTHENTICATOR, authenticatorProcess());
            }
            if (wanted.contains(LISTENER)) {
                services.put(LISTENER, listenerProcess());
            }
            if (wanted.contains(NOTIFIER)) {
                services.put(NOTIFIER, notifierProcess());
            }
            long begin = System.nanoTime();
            services.values().forEach(ServiceProcess::start);
            services.values().forEach(s -> s.awaitReady(FIRST_START));
            System.out.println("e2e: " + this + " ready in " + (System.nanoTime() - begin) / 1_000_000 + " ms (logs in "
                    + logs + ")");
        } catch (RuntimeException | IOException e) {
            close();
            throw new IllegalStateException("the e2e stack did not start: " + e.getMessage(), e);
        }
    }

    private ServiceProcess routerProcess() {
        Path config = Path.of(System.getProperty("natter-e2e.router-config",
                root.resolve("router/config/natter.json").toString())).toAbsolutePath();
        if (!Files.isRegularFile(config)) {
            throw new IllegalStateException("router config " + config + " is missing");
        }
        Map<String, String> env = new HashMap<>();
        env.put("NATTER_ROUTER_CONFIG", config.toString());
        env.put("NATTER_ROUTER_PORT", Integer.toString(routerPort));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(routerPort));
        env.put("NATTER_ROUTER_INTERNAL_PORT", Integer.toString(internalPort));
        env.put("NATTER_ROUTER_INTERNAL_INTERFACE", "127.0.0.1");
        env.put("NATTER_AUTHENTICATOR_SECRET", authenticatorSecret.reveal());
        env.put("NATTER_LISTENER_SECRET", listenerSecret.reveal());
        env.put("NATTER_NOTIFIER_SECRET", notifierSecret.reveal());
        return service(ROUTER, "router", routerPort, env);
    }

    private ServiceProcess appApiProcess() {
        Map<String, String> env = new HashMap<>(rabbit.env());
        env.putAll(database.env());
        env.put("NATTER_APP_PORT", Integer.toString(appPort));
        env.put("NATTER_INTERNAL_CREDENTIAL", internalCredential.reveal());
        // bcrypt cost 12 costs a quarter second per sign-up and login on this machine; the tests
        // check what users see, not the hash's cost.
        env.put("NATTER_PASSWORD_BCRYPT_COST", "4");
        // Every user of the run signs up from 127.0.0.1: app-api's per-address sign-up limit would
        // refuse the suite's users after the first few classes.
        env.put("NATTER_SIGNUP_MAX_PER_ADDRESS", "100000");
        // the browser app's page asks app-api where the router is
        env.put("NATTER_WEB_ROUTER_PORT", Integer.toString(routerPort));
        return service(APP_API, "app-api", appPort, env);
    }

    private ServiceProcess authenticatorProcess() {
        Map<String, String> env = new HashMap<>(rabbit.env());
        env.put("NATTER_AUTHENTICATOR_PORT", Integer.toString(authenticatorPort));
        env.put("NATTER_WAMP_URL", "ws://127.0.0.1:" + internalPort + "/ws");
        env.put("NATTER_WAMP_REALM", REALM);
        env.put("NATTER_WAMP_AUTHID", "authenticator");
        env.put("NATTER_WAMP_SECRET", authenticatorSecret.reveal());
        env.put("NATTER_APP_URL", "http://127.0.0.1:" + appPort);
        env.put("NATTER_INTERNAL_CREDENTIAL", internalCredential.reveal());
        return service(AUTHENTICATOR, "authenticator", authenticatorPort, env);
    }

    private ServiceProcess listenerProcess() {
        Map<String, String> env = new HashMap<>(rabbit.env());
        env.put("NATTER_LISTENER_PORT", Integer.toString(listenerPort));
        env.put("NATTER_WAMP_URL", "ws://127.0.0.1:" + internalPort + "/ws");
        env.put("NATTER_WAMP_REALM", REALM);
        env.put("NATTER_WAMP_AUTHID", "listener");
        env.put("NATTER_WAMP_SECRET", listenerSecret.reveal());
        env.put("NATTER_APP_URL", "http://127.0.0.1:" + appPort);
        env.put("NATTER_INTERNAL_CREDENTIAL", internalCredential.reveal());
        env.put("NATTER_REDIS_URL", System.getenv().getOrDefault("NATTER_REDIS_URL", "redis://127.0.0.1:6379"));
        env.put("NATTER_LISTENER_REDIS_PREFIX", redisPrefix);
        return service(LISTENER, "listener", listenerPort, env);
    }

    private ServiceProcess notifierProcess() {
        Map<String, String> env = new HashMap<>(rabbit.env());
        env.put("NATTER_NOTIFIER_PORT", Integer.toString(notifierPort));
        env.put("NATTER_WAMP_URL", "ws://127.0.0.1:" + internalPort + "/ws");
        env.put("NATTER_WAMP_REALM", REALM);
        env.put("NATTER_WAMP_AUTHID", "notifier");
        env.put("NATTER_WAMP_SECRET", notifierSecret.reveal());
        env.put("NATTER_APP_URL", "http://127.0.0.1:" + appPort);
        env.put("NATTER_INTERNAL_CREDENTIAL", internalCredential.reveal());
        return service(NOTIFIER, "notifier", notifierPort, env);
    }

    private ServiceProcess service(String name, String module, int port, Map<String, String> env) {
        // tests talk over loopback only; no service of the run listens beyond it
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        // a copy for this run: a rebuild of the module while the tests run, or between a kill and
        // its restart, never changes the binary under a running or restarting process
        PackagedApp app = PackagedApp.of(root, module).copyTo(logs.resolveSibling("stack-apps").resolve(name));
        return ServiceProcess.builder(name, app)
                .httpPort(port)
                .env(env)
                .workDir(root)
                .logFile(logs.resolve(name + ".log"))
                .build();
    }

    public ServiceProcess router() {
        return require(ROUTER);
    }

    public ServiceProcess appApi() {
        return require(APP_API);
    }

    public ServiceProcess authenticator() {
        return require(AUTHENTICATOR);
    }

    public ServiceProcess listener() {
        return require(LISTENER);
    }

    public ServiceProcess notifier() {
        return require(NOTIFIER);
    }

    /** The RabbitMQ names of this run ({@code NATTER_RABBITMQ_NAME_PREFIX} of every service). */
    public RabbitPrefix rabbit() {
        return rabbit;
    }

    private ServiceProcess require(String name) {
        ServiceProcess s = services.get(name);
        if (s == null) {
            throw new IllegalStateException(name + " is not part of this stack (natter-e2e.services="
                    + System.getProperty("natter-e2e.services") + ")");
        }
        return s;
    }

    /** The public WebSocket of the router, as a browser reaches it. */
    public String wsUrl() {
        return "ws://127.0.0.1:" + routerPort + "/ws";
    }

    /** The origin of the chat page (served by app-api), which a browser's WebSocket would send. */
    public String pageOrigin() {
        return "http://127.0.0.1:" + appPort;
    }

    public URI appUrl() {
        return URI.create("http://127.0.0.1:" + appPort);
    }

    public AppApi app() {
        return app;
    }

    /** The secrets this stack generated (worker secrets, internal credential), for log checks. */
    public List<Secret> generatedSecrets() {
        return List.of(authenticatorSecret, listenerSecret, notifierSecret, internalCredential);
    }

    /** Where the services and the Node clients log. */
    public Path logDir() {
        return logs;
    }

    public Path jsDir() {
        return jsDir;
    }

    /** Starts a Node client; {@link #closeClients()} (after each test) ends it. */
    public JsClient client(String label) {
        JsClient client = JsClient.start(jsDir, label, logs, wsUrl(), pageOrigin());
        clients.add(client);
        return client;
    }

    /** Ends every Node client the tests started. */
    public void closeClients() {
        for (JsClient c : clients) {
            c.close();
        }
        clients.clear();
    }

    /** Starts again (and waits for) every service a test left killed, so the next test finds the stack whole. */
    public void ensureRunning() {
        List<ServiceProcess> restarted = new ArrayList<>();
        for (ServiceProcess s : services.values()) {
            if (!s.isAlive()) {
                s.start();
                restarted.add(s);
            }
        }
        restarted.forEach(s -> s.awaitReady(RESTART));
        for (ServiceProcess s : services.values()) {
            if (!restarted.contains(s)) {
                s.awaitReady(RESTART);
            }
        }
    }

    /** Starts a killed service again on its ports and waits until it is ready. */
    public void restart(ServiceProcess service) {
        service.start();
        service.awaitReady(RESTART);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeClients();
        List<ServiceProcess> reverse = new ArrayList<>(services.values());
        Collections.reverse(reverse);
        reverse.forEach(ServiceProcess::stop);
        if (database != null) {
            database.close();
        }
        deleteNotifierQueue();
        rabbit.close();
    }

    /** The notifier's own queue, which {@link RabbitPrefix} does not know. */
    private void deleteNotifierQueue() {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost(System.getenv().getOrDefault("NATTER_RABBITMQ_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(System.getenv().getOrDefault("NATTER_RABBITMQ_PORT", "5672")));
        factory.setUsername(System.getenv().getOrDefault("NATTER_RABBITMQ_USER", "guest"));
        factory.setPassword(System.getenv().getOrDefault("NATTER_RABBITMQ_PASSWORD", "guest"));
        factory.setConnectionTimeout(2000);
        try (com.rabbitmq.client.Connection c = factory.newConnection("natter-e2e-cleanup");
             com.rabbitmq.client.Channel ch = c.createChannel()) {
            ch.queueDelete(rabbit.prefix() + "natter.notifier");
        } catch (Exception e) {
            // absent or broker away: nothing to clean
        }
    }

    @Override
    public String toString() {
        return "Stack[database=" + (database == null ? "-" : database.name()) + ", prefix=" + rabbit.prefix()
                + ", router=" + routerPort + ", internal=" + internalPort + ", app-api=" + appPort + ", authenticator=" + authenticatorPort
                + ", listener=" + listenerPort + ", notifier=" + notifierPort + ", redis-prefix=" + redisPrefix + "]";
    }
}
