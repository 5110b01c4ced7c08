package io.natter.wamp.client.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link WampTransport} is asked to open.
 *
 * @param uri            the router's {@code ws://} or {@code wss://} URI
 * @param subprotocol    the one WebSocket subprotocol to offer, e.g. {@code wamp.2.json}
 * @param headers        extra headers of the upgrade request (e.g. {@code Origin})
 * @param maxMessageSize the largest message to accept from the router, in bytes; a transport
 *                       whose library sets this per client rather than per connection may apply
 *                       its own configured limit instead (and says so)
 * @param connectTimeout how long the TCP connect and the upgrade may take
 */
public record TransportRequest(URI uri, String subprotocol, Map<String, String> headers, int maxMessageSize,
        Duration connectTimeout) {

    public TransportRequest {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(subprotocol, "subprotocol");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive, got " + maxMessageSize);
        }
    }

    /**
     * Whether {@link #headers()} carry an {@code Origin}. Without one no Origin header may go out
     * (WebSocket libraries that add one by default must not): the router's internal transports
     * refuse upgrades that carry one.
     */
    public boolean sendsOrigin() {
        return headers.keySet().stream().anyMatch("Origin"::equalsIgnoreCase);
    }
}
