package io.natter.router.config;

import java.util.Objects;

/**
 * One transport as configured.
 *
 * @param id the transport's JSON path in the file, e.g. {@code workers[0].transports[1]} (names it in
 *     logs and in the transport details sessions carry)
 * @param kind web (the public endpoint, a route on Quarkus's HTTP server) or websocket (the internal one)
 * @param endpoint where it listens
 * @param path for {@link TransportKind#WEB}: the key of the WebSocket entry under {@code paths}
 *     (e.g. {@code ws}); for {@link TransportKind#WEBSOCKET}: null (any path)
 * @param auth the authentication methods it accepts
 * @param options its WebSocket options
 */
public record TransportConfig(
        String id, TransportKind kind, EndpointConfig endpoint, String path, AuthConfig auth, TransportOptions options) {

    public TransportConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(options, "options");
        if (kind == TransportKind.WEB) {
            Objects.requireNonNull(path, "path");
        }
    }
}
