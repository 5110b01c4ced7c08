package io.natter.authenticator.it;

import io.natter.testsupport.Ports;
import io.natter.testsupport.Randoms;
import io.natter.testsupport.ServiceProcess;
import io.natter.testsupport.WholeStack;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real services the authenticator works between ({@link WholeStack}): app-api, the router on
 * {@code src/test/resources/router-it.json} (public transport: dynamic wampcra through
 * {@code natter.auth}, role {@code user} authorized by {@code natter.authorize}; internal
 * transport: static wampcra for the authenticator), and the authenticator itself, packaged.
 */
final class Stack implements AutoCloseable {

    private static final String AUTHENTICATOR_SECRET = "it-authenticator-secret-" + Randoms.hex(8);
    /** The serialization of every WAMP session of the run ({@code -Dnatter-it.serializer=msgpack}). */
    static final String SERIALIZER = System.getProperty("natter-it.serializer", "json");

    private final WholeStack stack = new WholeStack("it-auth", "natter_auth_it", false);
    private final int appPort;
    private final int routerPort;

    final ServiceProcess appApi;
    final ServiceProcess router;
    final ServiceProcess authenticator;

    private Stack() {
        List<Integer> ports = Ports.free(4);
        appPort = ports.get(0);
        routerPort = ports.get(1);
        int internalPort = ports.get(2);
        int authenticatorPort = ports.get(3);

        appApi = stack.service("app-api", appPort, stack.appApiEnv(appPort));

        Map<String, String> routerEnv = new HashMap<>();
        routerEnv.put("NATTER_ROUTER_CONFIG", Path.of("src/test/resources/router-it.json").toAbsolutePath().toString());
        routerEnv.put("NATTER_IT_ROUTER_PORT", Integer.toString(routerPort));
        routerEnv.put("NATTER_IT_ROUTER_INTERNAL_PORT", Integer.toString(internalPort));
        routerEnv.put("NATTER_AUTHENTICATOR_SECRET", AUTHENTICATOR_SECRET);
        router = stack.service("router", routerPort, routerEnv);

        Map<String, String> auth = stack.workerEnv("authenticator", AUTHENTICATOR_SECRET, internalPort, appPort);
        auth.put("NATTER_AUTHENTICATOR_PORT", Integer.toString(authenticatorPort));
        auth.put("NATTER_WAMP_SERIALIZER", SERIALIZER);
        authenticator = stack.service("authenticator", authenticatorPort, auth);
    }

    /** Creates the database and starts app-api, the router and the authenticator, each ready; on failure cleans up. */
    static Stack start() {
        Stack stack = new Stack();
        stack.stack.start(stack.appApi, stack.router, stack.authenticator);
        return stack;
    }

    String routerUrl() {
        return "ws://127.0.0.1:" + routerPort + "/ws";
    }

    String appUrl() {
        return "http://127.0.0.1:" + appPort;
    }

    @Override
    public void close() {
        stack.close();
    }
}
