package io.natter.router.util;

import io.vertx.core.Vertx;
import java.util.Objects;

/** {@link Timers} on Vert.x timers: tasks run on an event loop and must not block. */
public final class VertxTimers implements Timers {

    private final Vertx vertx;

    public VertxTimers(Vertx vertx) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
    }

    @Override
    public Handle schedule(long delayMillis, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delayMillis), ignored -> task.run());
        return () -> vertx.cancelTimer(id);
    }
}
