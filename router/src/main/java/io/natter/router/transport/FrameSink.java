package io.natter.router.transport;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/**
 * The writing side of one WebSocket, so that the outbound queue, the heartbeat and the WAMP glue
 * are written once for every transport ({@link WampSocket} is the one over a Vert.x socket).
 * Methods may be called from any thread and never block.
 */
interface FrameSink {

    /**
     * Writes one whole message as a single final frame: {@code payload} is shared with other
     * receivers of the same message and must not be changed. {@code written}, when not null,
     * runs once the frame is written or the write failed; writes complete in the order they were made.
     */
    void write(byte[] payload, boolean binary, Runnable written);

    /**
     * {@link #write(byte[], boolean, Runnable)} from a buffer: one reference to {@code payload},
     * which this method takes over (it is released once written, or at once if the socket is closed).
     */
    void write(ByteBuf payload, boolean binary, Runnable written);

    void ping(Buffer payload);

    /**
     * Answers a peer's ping with a pong carrying {@code payload} (taken over, as in
     * {@link #write(ByteBuf, boolean, Runnable)}); {@code written} as there.
     */
    void pong(ByteBuf payload, Runnable written);

    /** Starts the closing handshake with {@code code} and {@code reason}. */
    void close(int code, String reason);

    boolean isOpen();
}
