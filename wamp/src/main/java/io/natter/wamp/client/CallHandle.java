package io.natter.wamp.client;

import io.vertx.core.Future;

/**
 * A call in flight, from {@link WampClient#startCall}: its result and a way to cancel it.
 * Thread-safe.
 */
public interface CallHandle {

    /** Completes with the final result, or fails with a {@link WampException}. */
    Future<CallResult> result();

    /**
     * Cancels the call if it is still running (no effect otherwise). With {@link CancelMode#SKIP}
     * and {@link CancelMode#KILLNOWAIT} the result fails at once with {@code wamp.error.canceled}
     * (as Autobahn does; a late answer from the dealer is dropped); with {@link CancelMode#KILL} it
     * fails when the dealer answers the CANCEL, after the callee stopped.
     */
    void cancel(CancelMode mode);
}
