package io.natter.router.transport;

import io.natter.router.auth.Authenticator;
import io.natter.router.config.TransportConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One configured transport as its connections use it: its authenticators and its limits, each
 * option resolved against the router's defaults.
 *
 * @param config the transport's configuration
 * @param authenticators its authentication methods
 * @param maxMessageSize largest WAMP message in bytes; a larger one closes with 1009
 * @param autoPingInterval time between server pings; zero sends none
 * @param autoPingTimeout how long a ping may stay unanswered; zero waits forever
 * @param handshakeTimeout how long a connection may stay without a WAMP session
 */
public record TransportSetup(TransportConfig config, List<Authenticator> authenticators, int maxMessageSize,
        Duration autoPingInterval, Duration autoPingTimeout, Duration handshakeTimeout) {

    public TransportSetup {
        Objects.requireNonNull(config, "config");
        authenticators = List.copyOf(authenticators);
        Objects.requireNonNull(autoPingInterval, "autoPingInterval");
        Objects.requireNonNull(autoPingTimeout, "autoPingTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    }

    /** The transport's id (its JSON path in the config). */
    public String id() {
        return config.id();
    }
}
