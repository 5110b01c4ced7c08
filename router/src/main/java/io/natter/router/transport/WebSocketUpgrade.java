package io.natter.router.transport;

import io.natter.router.config.RouterConfig;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What the web transport ({@link WebTransport}) and the websocket transports
 * ({@link WebSocketServers}) share: their HTTP servers' WebSocket options, and the checks and the
 * upgrade after each has applied its own {@code Origin} rule. It refuses a request that is not a
 * WebSocket upgrade (426), an upgrade that offers no WAMP subprotocol (400) and an upgrade past
 * the WebSocket cap (503, {@link ConnectionGates}); it upgrades the rest and serves the socket
 * with {@link WampSocket} under the transport's auth and limits.
 */
@ApplicationScoped
public class WebSocketUpgrade {

    private static final Logger LOG = Logger.getLogger(WebSocketUpgrade.class);

    @Inject
    WampChannels channels;

    @Inject
    RouterConfig config;

    @Inject
    ConnectionGates gates;

    /** Sets the WAMP subprotocols, the frame size cap, no permessage-deflate, HTTP/1.1 only. */
    HttpServerOptions configure(HttpServerOptions options) {
        return options.setWebSocketSubProtocols(WampChannels.SUBPROTOCOLS)
                .setMaxWebSocketFrameSize(Math.max(config.maxFrameSize(), 125))
                // Vert.x inflates without a size cap.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                // HTTP/1.1 only: the upgrade, health and metrics need nothing more, and the request
                // deadline (RequestDeadline) reads HTTP/1 heads; clients asking for h2c stay on 1.1.
                .setHttp2ClearTextEnabled(false);
    }

    /** Refuses {@code request} (426, 400, 503) or upgrades it and serves the socket on {@code transport}. */
    void upgrade(TransportSetup transport, HttpServerRequest request) {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            request.response().setStatusCode(426).putHeader("Upgrade", "websocket").end("WAMP over WebSocket only");
            return;
        }
        if (!WampChannels.offersWamp(request.headers().getAll("Sec-WebSocket-Protocol"))) {
            request.response().setStatusCode(400).end("no WAMP subprotocol offered (wamp.2.json, wamp.2.msgpack)");
            return;
        }
        if (!gates.admitWebSocket(request)) {
            return;
        }
        Map<String, String> headers = WampChannels.headers(request.headers());
        request.toWebSocket()
                .onSuccess(socket -> {
                    ConnectionGates.upgraded(request.connection());
                    channels.serve(transport, socket, FlushBatching.install(request.connection(), config.flushBatching()), headers);
                })
                .onFailure(e -> LOG.debugf("websocket upgrade failed on transport %s: %s", transport.id(), e.getMessage()));
    }
}
