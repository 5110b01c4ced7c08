package io.natter.router.config;

/**
 * Where a transport listens ({@code endpoint} of {@code "type": "tcp"}).
 *
 * @param iface the interface address to bind, or null for all interfaces
 * @param port the TCP port (0 = any free port, for tests)
 */
public record EndpointConfig(String iface, int port) {

    public EndpointConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The address to bind: {@link #iface()}, or {@code 0.0.0.0} when it is null. */
    public String host() {
        return iface == null ? "0.0.0.0" : iface;
    }
}
