package io.natter.listener.it;

import io.natter.testsupport.Ports;
import io.natter.testsupport.Randoms;
import io.natter.testsupport.ServiceProcess;
import io.natter.testsupport.WholeStack;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real services around the listener ({@link WholeStack}): app-api, the router on the stack's
 * own {@code router/config/natter.json} (the listener role's real permissions), the
 * authenticator (so users join and are authorized as in production) and the listener, with a
 * Redis key prefix of its own, each from a copy of its {@code quarkus-app}.
 */
final class Stack implements AutoCloseable {

    private static final String AUTHENTICATOR_SECRET = "it-authenticator-secret-" + Randoms.hex(8);
    private static final String LISTENER_SECRET = "it-listener-secret-" + Randoms.hex(8);

    private final WholeStack stack = new WholeStack("it-listener", "natter_listener_it", true);
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

    private Stack(Infra infra) {
        this.redisUrl = infra != null ? infra.redisUrl()
                : System.getenv().getOrDefault("NATTER_REDIS_URL", "redis://127.0.0.1:6379");
        List<Integer> ports = Ports.free(5);
        appPort = ports.get(0);
        routerPort = ports.get(1);
        int internalPort = ports.get(2);
        int authenticatorPort = ports.get(3);
        int listenerPort = ports.get(4);

        Map<String, String> app = stack.appApiEnv(appPort);
        if (infra != null) {
            app.putAll(infra.rabbitEnv());
        }
        appApi = stack.service("app-api", appPort, app);

        router = stack.service("router", routerPort, stack.routerEnv(routerPort, internalPort,
                AUTHENTICATOR_SECRET, LISTENER_SECRET, "it-notifier-" + Randoms.hex(8)));

        Map<String, String> auth = stack.workerEnv("authenticator", AUTHENTICATOR_SECRET, internalPort, appPort);
        auth.put("NATTER_AUTHENTICATOR_PORT", Integer.toString(authenticatorPort));
        authenticator = stack.service("authenticator", authenticatorPort, auth);

        Map<String, String> listen = stack.workerEnv("listener", LISTENER_SECRET, internalPort, appPort);
        if (infra != null) {
            listen.putAll(infra.rabbitEnv());
        }
        listen.put("NATTER_LISTENER_PORT", Integer.toString(listenerPort));
        listen.put("NATTER_REDIS_URL", redisUrl());
        listen.put("NATTER_LISTENER_REDIS_PREFIX", redisPrefix);
        // Rebuilt often, so a test sees a flushed Redis repaired within seconds.
        listen.put("NATTER_LISTENER_RECONCILE_INTERVAL", "2S");
        listener = stack.service("listener", listenerPort, listen);
        Map<String, String> second = new HashMap<>(listen);
        int secondPort = Ports.free();
        second.put("NATTER_LISTENER_PORT", Integer.toString(secondPort));
        secondListener = stack.service("listener", "listener-2", secondPort, second);
    }

    /** Creates the database and starts app-api, the router, the authenticator and the listener, each ready; on failure cleans up. */
    static Stack start() {
        return start(null);
    }

    /** {@link #start()} with the listener (and app-api's RabbitMQ) on {@code infra}; {@code null}: the machine's services. */
    static Stack start(Infra infra) {
        Stack stack = new Stack(infra);
        stack.stack.start(stack.appApi, stack.router, stack.authenticator, stack.listener);
        return stack;
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
        stack.close();
    }
}
