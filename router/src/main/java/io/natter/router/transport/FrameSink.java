package io.natter.router.transport;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * The writing side of one WebSocket, whichever server holds it (WebSockets Next for the web
 * transport, a plain Vert.x server for websocket transports), so that the outbound queue, the
 * heartbeat and the WAMP glue are written once. Writes complete when the frame is written.
 */
interface FrameSink {

    Uni<Void> sendText(String text);

    Uni<Void> sendBinary(Buffer bytes);

    Uni<Void> sendPing(Buffer payload);

    /** Starts the closing handshake with {@code code} and {@code reason}. */
    Uni<Void> close(int code, String reason);

    boolean isOpen();
}
