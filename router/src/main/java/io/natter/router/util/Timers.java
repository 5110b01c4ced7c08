package io.natter.router.util;

/**
 * Schedules work after a delay (call timeouts, handshake deadlines). Production code uses Vert.x
 * timers; unit tests use a manual clock.
 */
public interface Timers {

    /** A scheduled task that may still be cancelled. */
    @FunctionalInterface
    interface Handle {
        /** Cancels the task if it has not run yet; harmless otherwise. */
        void cancel();
    }

    /** Runs {@code task} once after {@code delayMillis} (at least 1 ms), on some event-loop thread. */
    Handle schedule(long delayMillis, Runnable task);
}
