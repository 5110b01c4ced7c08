package io.natter.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the workers' whole-stack tests share of the real services they run between: a fresh
 * PostgreSQL database, RabbitMQ names under a unique prefix, the internal credential app-api and
 * the workers share, and each service as a {@link ServiceProcess} from its packaged
 * {@code quarkus-app}, its log in {@code target/it-logs/<service>-<run>.log}. Each module's
 * {@code Stack} picks the services, ports and settings it needs and starts them through
 * {@link #start}; {@link #close()} stops them, last made first, and drops the database and the
 * names.
 *
 * <p>The machine's services are named by {@code NATTER_PG_URL} and {@code NATTER_RABBITMQ_HOST}/
 * {@code _PORT} (see {@link PostgresDatabase} and {@link RabbitPrefix}).
 */
public final class WholeStack implements AutoCloseable {

    /** How long a service may take to become ready. */
    public static final Duration START = Duration.ofSeconds(60);

    private final String credential = "it-service-credential-" + Randoms.hex(8);
    private final String run = Randoms.hex(4);
    private final Path root = Path.of(System.getProperty("natter-it.root", "..")).toAbsolutePath().normalize();
    private final Path logs = Path.of("target", "it-logs").toAbsolutePath();
    private final Path apps;
    private final RabbitPrefix rabbit;
    private final PostgresDatabase database;
    private final List<ServiceProcess> services = new ArrayList<>();

    /**
     * A stack whose RabbitMQ names start with {@code rabbitBase} and whose database is a fresh
     * {@code databaseBase}_...; with {@code copies}, each service runs from a copy of its
     * {@code quarkus-app} in {@code target/it-apps} (a rebuild during the run never changes a
     * running binary) with the repository root as its working directory.
     */
    public WholeStack(String rabbitBase, String databaseBase, boolean copies) {
        this.apps = copies ? Path.of("target", "it-apps", run).toAbsolutePath() : null;
        this.rabbit = RabbitPrefix.create(rabbitBase);
        try {
            this.database = PostgresDatabase.create(databaseBase);
        } catch (RuntimeException | Error e) {
            rabbit.close();
            throw e;
        }
    }

    /** The repository root ({@code -Dnatter-it.root}, default {@code ..}). */
    public Path root() {
        return root;
    }

    public RabbitPrefix rabbit() {
        return rabbit;
    }

    /**
     * app-api's settings: the RabbitMQ names, the database, its port, the internal credential, a
     * bcrypt cost of 4, and no per-address sign-up limit (every test user signs up from 127.0.0.1).
     */
    public Map<String, String> appApiEnv(int port) {
        Map<String, String> env = new HashMap<>(rabbit.env());
        env.putAll(database.env());
        env.put("NATTER_APP_PORT", Integer.toString(port));
        env.put("NATTER_INTERNAL_CREDENTIAL", credential);
        env.put("NATTER_PASSWORD_BCRYPT_COST", "4");
        env.put("NATTER_SIGNUP_MAX_PER_ADDRESS", "100000");
        return env;
    }

    /**
     * A worker's settings: the RabbitMQ names, the router's internal transport on
     * {@code internalPort} (realm {@code natter}, WAMP-CRA as {@code authid} with {@code secret}),
     * app-api on {@code appPort} and the internal credential.
     */
    public Map<String, String> workerEnv(String authid, String secret, int internalPort, int appPort) {
        Map<String, String> env = new HashMap<>(rabbit.env());
        env.put("NATTER_WAMP_URL", "ws://127.0.0.1:" + internalPort + "/ws");
        env.put("NATTER_WAMP_REALM", "natter");
        env.put("NATTER_WAMP_AUTHID", authid);
        env.put("NATTER_WAMP_SECRET", secret);
        env.put("NATTER_APP_URL", "http://127.0.0.1:" + appPort);
        env.put("NATTER_INTERNAL_CREDENTIAL", credential);
        return env;
    }

    /**
     * The router's settings for the stack's own realm, {@code router/config/natter.json} (the
     * workers' real permissions): public transport on {@code port}, internal on
     * {@code internalPort}, and the three workers' WAMP-CRA secrets.
     */
    public Map<String, String> routerEnv(int port, int internalPort, String authenticatorSecret, String listenerSecret,
            String notifierSecret) {
        Map<String, String> env = new HashMap<>();
        env.put("NATTER_ROUTER_CONFIG", root.resolve("router/config/natter.json").toString());
        env.put("NATTER_ROUTER_PORT", Integer.toString(port));
        env.put("NATTER_ROUTER_INTERNAL_PORT", Integer.toString(internalPort));
        env.put("NATTER_AUTHENTICATOR_SECRET", authenticatorSecret);
        env.put("NATTER_LISTENER_SECRET", listenerSecret);
        env.put("NATTER_NOTIFIER_SECRET", notifierSecret);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return env;
    }

    /** The packaged {@code module} as a service answering HTTP on {@code port}, not started. */
    public ServiceProcess service(String module, int port, Map<String, String> env) {
        return service(module, module, port, env);
    }

    /** Like {@link #service(String, int, Map)}, named {@code name} (a second instance of a module). */
    public ServiceProcess service(String module, String name, int port, Map<String, String> env) {
        PackagedApp app = PackagedApp.of(root, module);
        ServiceProcess.Builder builder = ServiceProcess.builder(name + "-" + run,
                        apps == null ? app : app.copyTo(apps.resolve(name)))
                .httpPort(port)
                .env(env)
                .logFile(logs.resolve(name + "-" + run + ".log"));
        if (apps != null) {
            builder.workDir(root);
        }
        ServiceProcess service = builder.build();
        services.add(service);
        return service;
    }

    /** Starts {@code inOrder}, each ready within {@link #START} before the next; on failure closes the stack. */
    public void start(ServiceProcess... inOrder) {
        try {
            for (ServiceProcess service : inOrder) {
                service.start(START);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Starts again, each ready within {@link #START}, those of {@code services} an earlier test killed. */
    public static void restartDead(ServiceProcess... services) {
        for (ServiceProcess service : services) {
            if (!service.isAlive()) {
                service.start(START);
            }
        }
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        database.close();
        rabbit.close();
    }
}
