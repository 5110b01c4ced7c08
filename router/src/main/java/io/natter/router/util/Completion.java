package io.natter.router.util;

import io.smallrye.mutiny.Uni;

/**
 * The one {@link Uni} that says "handled already": every step of inbound handling (transport,
 * connection, realm, dispatcher) returns this instance when it finished synchronously, so that
 * the transport can tell by identity that the next message may follow at once, without pausing
 * the socket or subscribing to anything. That is the path of nearly every PUBLISH, CALL and YIELD;
 * only a step that really waits (a dynamic authenticator or authorizer) returns another {@code Uni}.
 */
public final class Completion {

    /** Handled synchronously. */
    public static final Uni<Void> DONE = Uni.createFrom().voidItem();

    private Completion() {
    }

    /** Whether {@code step} is {@link #DONE}. */
    public static boolean isDone(Uni<Void> step) {
        return step == DONE;
    }
}
