package io.natter.bench.stack;

import io.natter.testsupport.PackagedApp;
import io.natter.testsupport.Ports;
import io.natter.testsupport.PostgresDatabase;
import io.natter.testsupport.RabbitPrefix;
import io.natter.testsupport.Randoms;
import io.natter.testsupport.ServiceProcess;
import io.natter.wamp.auth.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stack the measurement needs, as local processes (natter-test-support, as e2e's Stack starts
 * them): router on {@code router/config/natter.json}, app-api, authenticator, listener and
 * notifier, on a fresh PostgreSQL database {@code natter_bench_<random>}, a RabbitMQ name prefix
 * and a Redis key prefix of the run, free ports and generated secrets. {@link #close()} stops the
 * processes, drops the database and deletes the run's queues.
 */
final class StackServices implements AutoCloseable {

    static final String REALM = "natter";

    private final Path root;
    private final Path work;
    private final RabbitPrefix rabbit = RabbitPrefix.create("bench");
    private final String redisPrefix = "bench-" + Randoms.hex(5) + ".";
    private final Secret authenticatorSecret = Secret.of(Randoms.token());
    private final Secret listenerSecret = Secret.of(Randoms.token());
    private final Secret notifierSecret = Secret.of(Randoms.token());
    private final Secret internalCredential = Secret.of(Randoms.token());
    private final int routerPort;
    private final int internalPort;
    private final int appPort;
    private final int authenticatorPort;
    private final int listenerPort;
    private final int notifierPort;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private PostgresDatabase database;

    StackServices(Path root, Path work) {
        this.root = root;
        this.work = work;
        List<Integer> ports = Ports.free(6);
        routerPort = ports.get(0);
        internalPort = ports.get(1);
        appPort = ports.get(2);
        authenticatorPort = ports.get(3);
        listenerPort = ports.get(4);
        notifierPort = ports.get(5);
    }

    void start(Duration timeout) throws Exception {
        Files.createDirectories(work.resolve("logs"));
        database = PostgresDatabase.create("natter_bench");

        Map<String, String> router = new HashMap<>();
        router.put("NATTER_ROUTER_CONFIG", root.resolve("router/config/natter.json").toString());
        router.put("NATTER_ROUTER_PORT", Integer.toString(routerPort));
        router.put("QUARKUS_HTTP_PORT", Integer.toString(routerPort));
        router.put("NATTER_ROUTER_INTERNAL_PORT", Integer.toString(internalPort));
        router.put("NATTER_ROUTER_INTERNAL_INTERFACE", "127.0.0.1");
        router.put("NATTER_AUTHENTICATOR_SECRET", authenticatorSecret.reveal());
        router.put("NATTER_LISTENER_SECRET", listenerSecret.reveal());
        router.put("NATTER_NOTIFIER_SECRET", notifierSecret.reveal());
        add("router", routerPort, router);

        Map<String, String> app = new HashMap<>(rabbit.env());
        app.putAll(database.env());
        app.put("NATTER_APP_PORT", Integer.toString(appPort));
        app.put("NATTER_INTERNAL_CREDENTIAL", internalCredential.reveal());
        app.put("NATTER_PASSWORD_BCRYPT_COST", "4");
        app.put("NATTER_SIGNUP_MAX_PER_ADDRESS", "100000");
        add("app-api", appPort, app);

        Map<String, String> auth = worker("authenticator", authenticatorSecret);
        auth.put("NATTER_AUTHENTICATOR_PORT", Integer.toString(authenticatorPort));
        add("authenticator", authenticatorPort, auth);

        Map<String, String> listener = worker("listener", listenerSecret);
        listener.put("NATTER_LISTENER_PORT", Integer.toString(listenerPort));
        listener.put("NATTER_REDIS_URL", System.getenv().getOrDefault("NATTER_REDIS_URL", "redis://127.0.0.1:6379"));
        listener.put("NATTER_LISTENER_REDIS_PREFIX", redisPrefix);
        add("listener", listenerPort, listener);

        Map<String, String> notifier = worker("notifier", notifierSecret);
        notifier.put("NATTER_NOTIFIER_PORT", Integer.toString(notifierPort));
        add("notifier", notifierPort, notifier);

        services.values().forEach(ServiceProcess::start);
        services.values().forEach(s -> s.awaitReady(timeout));
    }

    private Map<String, String> worker(String authid, Secret secret) {
        Map<String, String> env = new HashMap<>(rabbit.env());
        env.put("NATTER_WAMP_URL", "ws://127.0.0.1:" + internalPort + "/ws");
        env.put("NATTER_WAMP_REALM", REALM);
        env.put("NATTER_WAMP_AUTHID", authid);
        env.put("NATTER_WAMP_SECRET", secret.reveal());
        env.put("NATTER_APP_URL", "http://127.0.0.1:" + appPort);
        env.put("NATTER_INTERNAL_CREDENTIAL", internalCredential.reveal());
        return env;
    }

    private void add(String module, int port, Map<String, String> env) {
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        PackagedApp app = PackagedApp.of(root, module).requirePresent().copyTo(work.resolve("apps").resolve(module));
        services.put(module, ServiceProcess.builder(module, app)
                .jvmOptions(deployedJvmOptions(module))
                .httpPort(port)
                .env(env)
                .workDir(root)
                .logFile(work.resolve("logs").resolve(module + ".log"))
                .build());
    }

    /**
     * The JVM options the service's image runs with (its Dockerfile's {@code JAVA_OPTS}), plus the
     * collector the JVM picks in the compose file's 512 MB container (Serial: under 1,792 MB the JVM
     * does not count as a server-class machine), so the stack is measured as it is deployed and not
     * with the tests' quick-start options (C1 only).
     */
    private List<String> deployedJvmOptions(String module) {
        Path dockerfile = root.resolve(module).resolve("src/main/docker/Dockerfile.jvm");
        try {
            Matcher m = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"")
                    .matcher(Files.readString(dockerfile));
            if (!m.find()) {
                throw new IllegalStateException("no JAVA_OPTS in " + dockerfile);
            }
            List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC"));
            options.addAll(List.of(m.group(1).trim().split("\\s+")));
            // Diagnostics for one run, e.g. BENCH_JVM_OPTIONS='-Xlog:gc:file=/tmp/gc-%p.log'
            String extra = System.getenv("BENCH_JVM_OPTIONS");
            if (extra != null && !extra.isBlank()) {
                options.addAll(List.of(extra.trim().split("\\s+")));
            }
            return options;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dockerfile, e);
        }
    }

    /**
     * Empties app-api's queue of chat messages ({@code <prefix>natter.messages}): what a phase left
     * unstored does not load the next one. Returns how many messages were dropped.
     */
    int purgeMessages() throws Exception {
        try (com.rabbitmq.client.Connection c = amqp("natter-stack-bench");
             com.rabbitmq.client.Channel ch = c.createChannel()) {
            return ch.queuePurge(name("natter.messages")).getMessageCount();
        }
    }

    /** A new connection to the run's RabbitMQ (the machine's, or {@code NATTER_RABBITMQ_*}). */
    com.rabbitmq.client.Connection amqp(String connectionName) throws Exception {
        com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
        f.setHost(System.getenv().getOrDefault("NATTER_RABBITMQ_HOST", "127.0.0.1"));
        f.setPort(Integer.parseInt(System.getenv().getOrDefault("NATTER_RABBITMQ_PORT", "5672")));
        f.setUsername(System.getenv().getOrDefault("NATTER_RABBITMQ_USER", "guest"));
        f.setPassword(System.getenv().getOrDefault("NATTER_RABBITMQ_PASSWORD", "guest"));
        return f.newConnection(connectionName);
    }

    /** A RabbitMQ name (exchange or queue) under the run's prefix. */
    String name(String name) {
        return rabbit.prefix() + name;
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    PostgresDatabase database() {
        return database;
    }

    String wsUrl() {
        return "ws://127.0.0.1:" + routerPort + "/ws";
    }

    String appUrl() {
        return "http://127.0.0.1:" + appPort;
    }

    @Override
    public void close() {
        List<ServiceProcess> reverse = new ArrayList<>(services.values());
        Collections.reverse(reverse);
        reverse.forEach(ServiceProcess::stop);
        if (database != null) {
            database.close();
        }
        rabbit.close();
    }
}
