package io.natter.router.boot;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The router's entry point: sets the JVM-wide defaults the router is tuned for (see
 * {@link NettyDefaults}), then runs Quarkus until it is told to stop.
 */
@QuarkusMain
public final class RouterMain {

    private RouterMain() {
    }

    public static void main(String... args) {
        NettyDefaults.apply(System.getProperties());
        Quarkus.run(args);
    }
}
