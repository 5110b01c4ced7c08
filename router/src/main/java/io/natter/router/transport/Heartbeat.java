package io.natter.router.transport;

import io.natter.router.util.Timers;
import java.util.Objects;

/**
 * WebSocket auto-ping of one connection ({@code auto_ping_interval}, {@code auto_ping_timeout}): a
 * ping every interval, and when a timeout is set, the connection is given up if no pong arrived
 * within the timeout after a ping. Timer callbacks and pongs may arrive on different threads; the
 * state is guarded by this object's monitor.
 */
final class Heartbeat {

    private final Timers timers;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final Runnable ping;
    private final Runnable dead;

    private long sent;
    private long answered;
    private boolean stopped;
    private Timers.Handle next;

    /**
     * @param intervalMillis ms between pings; 0 sends none
     * @param timeoutMillis ms a ping may stay unanswered; 0 waits forever
     * @param ping sends one ping
     * @param dead runs once when a ping went unanswered too long
     */
    Heartbeat(Timers timers, long intervalMillis, long timeoutMillis, Runnable ping, Runnable dead) {
        this.timers = Objects.requireNonNull(timers, "timers");
        this.intervalMillis = intervalMillis;
        this.timeoutMillis = timeoutMillis;
        this.ping = Objects.requireNonNull(ping, "ping");
        this.dead = Objects.requireNonNull(dead, "dead");
    }

    synchronized void start() {
        if (intervalMillis > 0 && !stopped) {
            next = timers.schedule(intervalMillis, this::tick);
        }
    }

    /** A pong arrived: every ping so far is answered. */
    synchronized void pong() {
        answered = sent;
    }

    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel();
            next = null;
        }
    }

    private void tick() {
        long number;
        synchronized (this) {
            if (stopped) {
                return;
            }
            number = ++sent;
            next = timers.schedule(intervalMillis, this::tick);
            if (timeoutMillis > 0) {
                timers.schedule(timeoutMillis, () -> check(number));
            }
        }
        ping.run();
    }

    private void check(long number) {
        synchronized (this) {
            if (stopped || answered >= number) {
                return;
            }
        }
        stop();
        dead.run();
    }
}
