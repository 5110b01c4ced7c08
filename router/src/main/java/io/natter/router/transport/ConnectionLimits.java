package io.natter.router.transport;

import io.natter.router.config.RouterConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The caps of one listening socket ({@code natter.router.connections.*}).
 *
 * @param max most WebSocket connections; {@link ConnectionGate#RESERVE} more TCP connections are admitted
 * @param maxPerAddress most TCP connections from one peer address (0: no cap)
 * @param exempt peer addresses the per-address cap does not apply to
 * @param requestTimeout how long an HTTP request head may take (zero: no deadline)
 */
record ConnectionLimits(int max, int maxPerAddress, Set<InetAddress> exempt, Duration requestTimeout) {

    ConnectionLimits {
        if (max < 1) {
            throw new ConfigurationException("natter.router.connections.max must be at least 1 (found " + max + ")");
        }
        if (maxPerAddress < 0) {
            throw new ConfigurationException("natter.router.connections.max-per-address must not be negative (found " + maxPerAddress + ")");
        }
        exempt = Set.copyOf(exempt);
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative()) {
            throw new ConfigurationException("natter.router.connections.request-timeout must not be negative");
        }
    }

    static ConnectionLimits of(RouterConfig.Connections config) {
        return new ConnectionLimits(config.max(), config.maxPerAddress(), addresses(config.exempt()), config.requestTimeout());
    }

    /** Whether the per-address cap applies to {@code address}. */
    boolean capsAddress(InetAddress address) {
        return maxPerAddress > 0 && address != null && !exempt.contains(address);
    }

    /** TCP connections one listening socket holds at most. */
    int maxOpen() {
        return max > Integer.MAX_VALUE - ConnectionGate.RESERVE ? Integer.MAX_VALUE : max + ConnectionGate.RESERVE;
    }

    private static Set<InetAddress> addresses(List<String> entries) {
        Set<InetAddress> out = new HashSet<>();
        for (String entry : entries) {
            String text = entry.strip();
            if (text.isEmpty() || text.equalsIgnoreCase("none")) {
                continue;
            }
            if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                throw new ConfigurationException("natter.router.connections.exempt: '" + text + "' is not an IP address");
            }
            try {
                out.add(InetAddress.getByName(text)); // a literal: no name lookup
            } catch (UnknownHostException e) {
                throw new ConfigurationException("natter.router.connections.exempt: '" + text + "' is not an IP address");
            }
        }
        return out;
    }
}
