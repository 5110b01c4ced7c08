package io.natter.wamp.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Prepares a {@link RouterProcess} (a {@code ServiceProcess} of natter-test-support) for a test profile and points {@code natter.wamp.*} at it.
 * The router is deliberately NOT started here: the application starts while the router is away,
 * which is what a service must survive; the test starts it. Init arg {@code serializer}.
 */
public class RouterResource implements QuarkusTestResourceLifecycleManager {

    /** The router of the profile that runs now (one at a time: profiles run one after another). */
    static volatile RouterProcess current;

    private String serializer = "json";

    @Override
    public void init(Map<String, String> initArgs) {
        serializer = initArgs.getOrDefault("serializer", "json");
    }

    @Override
    public Map<String, String> start() {
        try {
            current = new RouterProcess(serializer);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the router", e);
        }
        return Map.of(
                "natter.wamp.url", current.url(),
                "natter.wamp.realm", "natter",
                "natter.wamp.authid", "worker",
                "natter.wamp.secret", current.workerSecret,
                "natter.wamp.serializer", serializer);
    }

    @Override
    public void stop() {
        if (current != null) {
            current.kill();
        }
    }
}
