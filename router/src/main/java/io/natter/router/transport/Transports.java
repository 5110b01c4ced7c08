package io.natter.router.transport;

import io.natter.router.auth.Authenticator;
import io.natter.router.auth.RouterAuth;
import io.natter.router.config.RouterConfig;
import io.natter.router.config.RouterNode;
import io.natter.router.config.TransportConfig;
import io.natter.router.config.TransportKind;
import io.natter.router.config.TransportOptions;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured transports, resolved once at start-up: the web transport (served by
 * {@link WebTransport}, at most one) and the websocket transports (served by
 * {@link WebSocketServers}).
 */
@Singleton
public class Transports {


    @Inject
    RouterNode node;

    @Inject
    RouterConfig config;

    @Inject
    RouterAuth auth;

    private TransportSetup web;
    private List<TransportSetup> websockets;

    @PostConstruct
    void resolve() {
        List<TransportSetup> others = new ArrayList<>();
        for (TransportConfig transport : node.node().transports()) {
            TransportSetup setup = setup(transport);
            if (transport.kind() == TransportKind.WEB) {
                web = setup;
            } else {
                others.add(setup);
            }
        }
        websockets = List.copyOf(others);
    }

    /** The web transport, or null when the config has none (then {@code /ws} refuses every upgrade). */
    public TransportSetup web() {
        return web;
    }

    /** The websocket transports, in the config's order. */
    public List<TransportSetup> websockets() {
        return websockets;
    }

    private TransportSetup setup(TransportConfig transport) {
        TransportOptions options = transport.options();
        int maxMessageSize = options.maxMessageSize() != null ? options.maxMessageSize() : config.maxMessageSize();
        Duration interval = options.autoPingInterval() != null ? options.autoPingInterval() : config.autoPingInterval();
        Duration timeout = options.autoPingTimeout() != null ? options.autoPingTimeout() : Duration.ZERO;
        Duration handshake = options.openHandshakeTimeout() != null && !options.openHandshakeTimeout().isZero()
                ? options.openHandshakeTimeout() : config.handshakeTimeout();
        return new TransportSetup(transport, authenticators(transport), maxMessageSize, interval, timeout, handshake);
    }

    /** The transport's authentication methods. */
    private List<Authenticator> authenticators(TransportConfig transport) {
        return auth.forTransport(transport.auth());
    }
}
