package io.natter.router.config;

import io.smallrye.config.PropertiesConfigSource;
import java.util.Map;

/**
 * One Vert.x event loop per available processor ({@code quarkus.vertx.event-loops-pool-size}),
 * where Quarkus would start two. Every handler of the router is non-blocking, so a second loop per
 * core buys nothing, while a fan-out whose receivers sit on more loops pays a cross-thread wake-up
 * per write (measured in {@code bench/results/HISTORY.md}). Ordinal {@value #ORDINAL}: below
 * {@code application.properties} and the environment, so either can still set the size.
 */
public class EventLoopDefaults extends PropertiesConfigSource {

    /** Below application.properties (250). */
    static final int ORDINAL = 200;

    public EventLoopDefaults() {
        super(Map.of("quarkus.vertx.event-loops-pool-size", Integer.toString(Runtime.getRuntime().availableProcessors())),
                "natter router event loop defaults", ORDINAL);
    }
}
