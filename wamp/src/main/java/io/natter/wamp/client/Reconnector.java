package io.natter.wamp.client;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * When a {@link WampClient} tries again: counts the attempts since the last join, asks the
 * {@link ReconnectPolicy}, holds the one pending timer and tells the reconnect listeners.
 * Confined to the client's context thread.
 */
final class Reconnector {

    private static final System.Logger LOG = System.getLogger(Reconnector.class.getName());

    private final ClientContext context;
    private final ReconnectPolicy policy;
    private final String safeUri;
    private final List<Consumer<ReconnectAttempt>> listeners;
    private int attempt;
    private long timer = -1;

    Reconnector(ClientContext context, ReconnectPolicy policy, String safeUri, List<Consumer<ReconnectAttempt>> listeners) {
        this.context = context;
        this.policy = policy;
        this.safeUri = safeUri;
        this.listeners = listeners;
    }

    /** A join succeeded (or the application asked to connect anew): the next outage starts at attempt 1. */
    void reset() {
        attempt = 0;
    }

    /** Whether an attempt is scheduled and not yet made. */
    boolean isScheduled() {
        return timer >= 0;
    }

    /** Drops the scheduled attempt, if any. */
    void cancel() {
        if (timer >= 0) {
            context.cancelTimer(timer);
            timer = -1;
        }
    }

    /**
     * The connection or attempt ended for {@code cause}: schedules {@code retry} after the
     * policy's delay and answers null, or answers the failure to report when the policy gives up.
     */
    WampException schedule(WampException cause, Runnable retry, Consumer<Throwable> onListenerFailure) {
        attempt++;
        if (!policy.allows(attempt)) {
            if (policy.maxAttempts() == 0) {
                return cause;
            }
            WampException exhausted = new WampException(ClientErrors.RECONNECT_EXHAUSTED,
                    "gave up after " + (attempt - 1) + " reconnect attempts: " + cause.getMessage());
            exhausted.initCause(cause);
            return exhausted;
        }
        Duration delay = policy.delay(attempt, ThreadLocalRandom.current()::nextDouble);
        LOG.log(Level.INFO, "connection to {0} ended ({1}); reconnect attempt {2} in {3} ms",
                safeUri, cause.getMessage(), Integer.toString(attempt), Long.toString(delay.toMillis()));
        ReconnectAttempt scheduled = new ReconnectAttempt(attempt, delay, cause);
        for (Consumer<ReconnectAttempt> listener : listeners) {
            try {
                listener.accept(scheduled);
            } catch (RuntimeException e) {
                onListenerFailure.accept(e);
            }
        }
        timer = context.setTimer(Math.max(1, delay.toMillis()), t -> {
            timer = -1;
            retry.run();
        });
        return null;
    }
}
