package io.natter.router.outbound;

import io.natter.wamp.message.Message;

/**
 * The way out to one peer: a bounded queue in front of its transport. Sending never blocks and
 * never throws for a closed or overflowing peer: messages to a gone peer are dropped, and a peer
 * that stops reading is disconnected by the implementation.
 *
 * <p>Implementations are thread-safe; messages sent by one thread go out in the order sent.
 */
public interface Outbound {

    /** Queues {@code message} for the peer. */
    void send(OutgoingMessage message);

    /** Queues {@code message} for the peer. */
    default void send(Message message) {
        send(OutgoingMessage.of(message));
    }

    /**
     * Sends {@code last} (ABORT or GOODBYE; may be null) even past the queue bound, then closes
     * the transport with the WebSocket close {@code code} and {@code reason}. Idempotent.
     */
    void close(Message last, int code, String reason);
}
