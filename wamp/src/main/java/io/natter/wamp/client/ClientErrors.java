package io.natter.wamp.client;

/**
 * Error URIs that the client itself raises (never received from a router). They fail futures
 * with a {@link WampException}, so callers tell them apart from router errors by URI.
 */
public final class ClientErrors {

    /** A request was made while no session is established (not yet joined, or between reconnects). */
    public static final String NOT_CONNECTED = "natter.error.not_connected";
    /** The connection was lost (or closed) before the router answered the request. */
    public static final String CONNECTION_LOST = "natter.error.connection_lost";
    /** {@link WampClient#close()} was called before the request completed, or the client is closed. */
    public static final String CLOSED = "natter.error.closed";
    /** The router sent something the client cannot accept; the connection was closed. */
    public static final String PROTOCOL_VIOLATION = io.natter.wamp.WampErrors.PROTOCOL_VIOLATION;
    /** The router did not complete the opening handshake within the connect timeout. */
    public static final String HANDSHAKE_TIMEOUT = "natter.error.handshake_timeout";
    /** Every reconnect attempt the policy allowed failed. */
    public static final String RECONNECT_EXHAUSTED = "natter.error.reconnect_exhausted";
    /**
     * A callee handler failed with something other than a {@link WampException}; the ERROR carries
     * this URI (Autobahn's choice) and a fixed message, never the exception's text or stack.
     */
    public static final String RUNTIME_ERROR = "wamp.error.runtime_error";

    private ClientErrors() {
    }
}
