package io.natter.wamp.client.transport;

import io.vertx.core.Future;

/**
 * How a {@link io.natter.wamp.client.WampClient} reaches the router: opens one WebSocket per
 * session attempt. The client's session logic (handshake, requests, dispatch, reconnect) sits on
 * top and never sees the WebSocket library underneath.
 *
 * <p>Two implementations exist: {@link VertxWebSocketTransport} (the default, a plain Vert.x
 * WebSocket client; the tests use it) and the Quarkus WebSockets Next one in the
 * {@code wamp-quarkus} module.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>{@link #open} completes with the connection once the WebSocket upgrade is done, or fails
 *       (refused, unreachable, timed out). It may complete on any thread.</li>
 *   <li>After a successful open, {@code listener} receives every frame in arrival order, then
 *       {@link TransportListener#onClose} exactly once when the socket is closed by either side
 *       or lost. Calls may come from any thread but never concurrently for one connection.</li>
 *   <li>Frames must not be delivered before the open future completes; an implementation whose
 *       library delivers earlier holds them back.</li>
 * </ul>
 */
public interface WampTransport {

    /** Opens a WebSocket as {@code request} says; {@code listener} receives what comes in. */
    Future<TransportConnection> open(TransportRequest request, TransportListener listener);
}
