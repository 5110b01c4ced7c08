package io.natter.router.config;

/** The kinds of transport the router runs, named as Crossbar's {@code "type"}. */
public enum TransportKind {
    /** {@code "type": "web"}: an HTTP server whose {@code paths} hold one WebSocket entry (the public transport). */
    WEB,
    /** {@code "type": "websocket"}: a WebSocket server that accepts WAMP on any path (the internal transport). */
    WEBSOCKET
}
