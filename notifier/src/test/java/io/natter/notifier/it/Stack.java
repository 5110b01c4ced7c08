package io.natter.notifier.it;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.natter.testsupport.Ports;
import io.natter.testsupport.RabbitPrefix;
import io.natter.testsupport.Randoms;
import io.natter.testsupport.ServiceProcess;
import io.natter.testsupport.WholeStack;
import java.util.List;
import java.util.Map;

/**
 * The real services around the notifier ({@link WholeStack}): app-api, the router on the stack's
 * own {@code router/config/natter.json} (the notifier role's real permissions), the authenticator
 * (users join and subscribe to their {@code natter.notify.<name>} as in production) and the
 * notifier, each from a copy of its {@code quarkus-app}.
 */
final class Stack implements AutoCloseable {

    private static final String AUTHENTICATOR_SECRET = "it-authenticator-secret-" + Randoms.hex(8);
    private static final String NOTIFIER_SECRET = "it-notifier-secret-" + Randoms.hex(8);

    private final WholeStack stack = new WholeStack("it-notifier", "natter_notifier_it", true);
    final RabbitPrefix rabbit = stack.rabbit();
    private final int appPort;
    private final int routerPort;

    final ServiceProcess appApi;
    final ServiceProcess router;
    final ServiceProcess authenticator;
    final ServiceProcess notifier;

    private Stack() {
        List<Integer> ports = Ports.free(5);
        appPort = ports.get(0);
        routerPort = ports.get(1);
        int internalPort = ports.get(2);
        int authenticatorPort = ports.get(3);
        int notifierPort = ports.get(4);

        appApi = stack.service("app-api", appPort, stack.appApiEnv(appPort));

        router = stack.service("router", routerPort, stack.routerEnv(routerPort, internalPort,
                AUTHENTICATOR_SECRET, "it-listener-" + Randoms.hex(8), NOTIFIER_SECRET));

        Map<String, String> auth = stack.workerEnv("authenticator", AUTHENTICATOR_SECRET, internalPort, appPort);
        auth.put("NATTER_AUTHENTICATOR_PORT", Integer.toString(authenticatorPort));
        authenticator = stack.service("authenticator", authenticatorPort, auth);

        Map<String, String> notify = stack.workerEnv("notifier", NOTIFIER_SECRET, internalPort, appPort);
        notify.put("NATTER_NOTIFIER_PORT", Integer.toString(notifierPort));
        notify.put("NATTER_NOTIFIER_PREFETCH", "32");
        // Back quickly after the router is: the test waits for it.
        notify.put("NATTER_WAMP_RECONNECT_MAX_DELAY", "1S");
        notifier = stack.service("notifier", notifierPort, notify);
    }

    /** Creates the database and starts app-api, the router, the authenticator and the notifier, each ready; on failure cleans up. */
    static Stack start() {
        Stack stack = new Stack();
        stack.stack.start(stack.appApi, stack.router, stack.authenticator, stack.notifier);
        return stack;
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
        stack.close();
    }
}
