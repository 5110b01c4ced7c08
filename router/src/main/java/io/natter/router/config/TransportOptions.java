package io.natter.router.config;

import java.time.Duration;
import java.util.List;

/**
 * A WebSocket transport's {@code options}, with Crossbar's names. A null value means the router's
 * default ({@link RouterConfig}).
 *
 * @param allowedOrigins the Origin allow-list ({@code allowed_origins}, entries may hold {@code *}),
 *     or null for no Origin check
 * @param allowMissingOrigin whether an upgrade without an {@code Origin} header is accepted
 *     ({@code allow_missing_origin}, a Natter option)
 * @param maxMessageSize largest WAMP message in bytes ({@code max_message_size})
 * @param autoPingInterval interval of server pings ({@code auto_ping_interval}, ms in the file)
 * @param autoPingTimeout how long a ping may stay unanswered ({@code auto_ping_timeout}, ms)
 * @param openHandshakeTimeout how long the opening handshake may take ({@code open_handshake_timeout}, ms)
 */
public record TransportOptions(
        List<String> allowedOrigins,
        boolean allowMissingOrigin,
        Integer maxMessageSize,
        Duration autoPingInterval,
        Duration autoPingTimeout,
        Duration openHandshakeTimeout) {

    /** No option set: no Origin check, every limit the router's default. */
    public static final TransportOptions DEFAULTS = new TransportOptions(null, true, null, null, null, null);

    public TransportOptions {
        allowedOrigins = allowedOrigins == null ? null : List.copyOf(allowedOrigins);
    }
}
