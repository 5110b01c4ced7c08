package io.natter.router.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The router's own settings ({@code natter.router.*}; each also readable from the environment as
 * {@code NATTER_ROUTER_...}); the defaults live here only. The WebSocket options (frame size,
 * subprotocols, no permessage-deflate) are set on the Vert.x HTTP servers by the transports'
 * {@code WebSocketUpgrade}.
 */
@ConfigMapping(prefix = "natter.router")
public interface RouterConfig {

    /**
     * Path of the Crossbar.io-compatible {@code config.json} ({@code NATTER_ROUTER_CONFIG}); without
     * it the router runs {@link DefaultConfig}.
     */
    Optional<String> config();

    /**
     * Largest WAMP message (WebSocket message) accepted, in bytes; a larger one closes the
     * connection with 1009.
     */
    @WithDefault("1048576")
    int maxMessageSize();

    /**
     * Largest single WebSocket frame read, in bytes. A frame up to this size but over
     * {@code max-message-size} is read whole and refused with close code 1009; a larger one is cut
     * off by the WebSocket codec (which closes with 1009 while the peer is still sending, so the peer
     * may only see the connection drop).
     */
    @WithDefault("2097152")
    int maxFrameSize();

    /** Interval of server WebSocket pings that keep idle connections alive and detect dead ones. */
    @WithDefault("30S")
    Duration autoPingInterval();

    /**
     * How long a connection may stay open without an established session (HELLO to WELCOME), and
     * how long the router waits for the GOODBYE reply of a session it ended.
     */
    @WithDefault("10S")
    Duration handshakeTimeout();

    /** Whether URIs are checked against the spec's strict rules (lower-case letters, digits, underscore) instead of the loose ones. */
    @WithDefault("false")
    boolean strictUris();

    /**
     * Whether a socket's writes are flushed once per event-loop turn (true) or one by one; see
     * {@code transport.FlushBatching}.
     */
    @WithDefault("true")
    boolean flushBatching();

    /** Retained events (PUBLISH {@code retain}), per realm. */
    Retained retained();

    /** Bounds of each realm's retained events; past either, the topics retained least recently lose their event. */
    interface Retained {

        /** Most topics with a retained event (0: retain nothing). */
        @WithDefault("10000")
        int maxTopics();

        /** Most payload bytes (estimated from the decoded values) of all retained events. */
        @WithDefault("67108864")
        long maxBytes();
    }

    /** What one session may hold. */
    SessionLimits session();

    /** Caps per session; past a cap the request is refused with ERROR {@code natter.error.limit_exceeded}. */
    interface SessionLimits {

        /** Most distinct subscriptions of one session (0: no cap). */
        @WithDefault("1000")
        int maxSubscriptions();

        /** Most registrations of one session (0: no cap). */
        @WithDefault("1000")
        int maxRegistrations();

        /**
         * Publications one session may make per second, with a burst of as many (0: no limit, the
         * default); past it a PUBLISH is refused with {@code natter.error.rate_limited}.
         */
        @WithDefault("0")
        int publishRate();
    }

    /** The bound of each session's outbound queue. */
    OutboundQueue outbound();

    /** Messages queued for a peer but not yet written to its socket; past either bound the peer is disconnected as a slow consumer. */
    interface OutboundQueue {

        /** Most messages queued for one peer. */
        @WithDefault("10000")
        int maxQueuedMessages();

        /** Most bytes queued for one peer. */
        @WithDefault("8388608")
        long maxQueuedBytes();
    }

    /** Caps on the connections of each listening socket (the web transport's and each websocket transport's). */
    Connections connections();

    /**
     * What one listening socket admits. Connections over a cap are closed as they are accepted,
     * before Vert.x sees them; see {@code transport.ConnectionGate}.
     */
    interface Connections {

        /**
         * Most WebSocket connections of one listening socket; an upgrade past it gets HTTP 503.
         * The socket admits {@code ConnectionGate.RESERVE} more TCP connections for health checks,
         * metrics and those refusals, and closes any further one at once.
         */
        @WithDefault("10000")
        int max();

        /** Most TCP connections from one peer address to one listening socket (0: no cap). */
        @WithDefault("2000")
        int maxPerAddress();

        /** Peer addresses (IP literals) the per-address cap does not apply to; {@code none}: every address counts. */
        @WithDefault("none")
        List<String> exempt();

        /**
         * How long a connection may take to send an HTTP request head, counted from its opening
         * and from each answer before the upgrade (slowloris); past it the connection is closed.
         */
        @WithDefault("10S")
        Duration requestTimeout();
    }
}
