package io.natter.router.transport;

import io.natter.router.config.RouterConfig;
import io.natter.router.config.TransportOptions;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The web transport: WAMP over WebSocket at {@code /ws} on the application's HTTP server (port
 * 8080, {@code QUARKUS_HTTP_PORT} overrides), subprotocols {@code wamp.2.json} (text frames) and
 * {@code wamp.2.msgpack} (binary frames), with the configured web transport's auth and options
 * ({@link Transports#web()}). Before the upgrade it refuses: every request when the config has no
 * web transport (404), an {@code Origin} the transport's {@code allowed_origins} does not admit
 * (403; a missing one unless {@code allow_missing_origin}), a request that is not a WebSocket
 * upgrade (426), an upgrade that offers no WAMP subprotocol (400) and an upgrade past the
 * WebSocket cap (503, {@link ConnectionGates}). Upgraded sockets are served
 * by {@link WampSocket} straight on Vert.x, as on the websocket transports; permessage-deflate is
 * off (Vert.x inflates without a size cap).
 */
@ApplicationScoped
public class WebTransport implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(WebTransport.class);

    @Inject
    Transports transports;

    @Inject
    WampChannels channels;

    @Inject
    RouterConfig config;

    @Inject
    ConnectionGates gates;

    private volatile OriginPolicy policy;

    void route(@Observes Router router) {
        router.route("/ws").handler(this::upgrade);
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setWebSocketSubProtocols(WampChannels.SUBPROTOCOLS)
                .setMaxWebSocketFrameSize(Math.max(config.maxFrameSize(), 125))
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                // HTTP/1.1 only: the upgrade, health and metrics need nothing more, and the request
                // deadline (RequestDeadline) reads HTTP/1 heads; clients asking for h2c stay on 1.1.
                .setHttp2ClearTextEnabled(false);
    }

    private void upgrade(RoutingContext context) {
        HttpServerRequest request = context.request();
        gates.adopt(request.connection(), ConnectionGates.HTTP);
        TransportSetup web = transports.web();
        if (web == null) {
            request.response().setStatusCode(404).end("this router has no web transport");
            return;
        }
        if (!policy(web).permits(request.getHeader("Origin"))) {
            request.response().setStatusCode(403).end("origin not allowed");
            return;
        }
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
        var headers = WampChannels.headers(request.headers());
        request.toWebSocket()
                .onSuccess(socket -> serve(web, request, socket, headers))
                .onFailure(e -> LOG.debugf("websocket upgrade failed on the web transport: %s", e.getMessage()));
    }

    private void serve(TransportSetup web, HttpServerRequest request, ServerWebSocket socket, Map<String, String> headers) {
        ConnectionGates.upgraded(request.connection());
        channels.serve(web, socket, FlushBatching.install(request.connection(), config.flushBatching()), headers);
    }

    private OriginPolicy policy(TransportSetup web) {
        OriginPolicy current = policy;
        if (current == null) {
            TransportOptions options = web.config().options();
            current = new OriginPolicy(options.allowedOrigins(), options.allowMissingOrigin());
            policy = current;
        }
        return current;
    }
}
