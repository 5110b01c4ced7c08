package io.natter.wamp.client.transport;

import io.vertx.core.Future;

/**
 * One open WebSocket to the router, as a {@link WampTransport} hands it out. Methods may be
 * called from any thread; the returned futures may complete on any thread.
 */
public interface TransportConnection {

    /** The subprotocol the router accepted, or null when it accepted none. */
    String subprotocol();

    /** Sends one text message; the future completes once it is written (or fails). */
    Future<Void> sendText(String text);

    /** Sends one binary message; the future completes once it is written (or fails). */
    Future<Void> sendBinary(byte[] bytes);

    /** Closes the socket (normal closure); completes when it is closed. Harmless when already closed. */
    Future<Void> close();

    /** Whether the socket is closed or closing. */
    boolean isClosed();
}
