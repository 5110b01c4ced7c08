package io.natter.router.transport;

import io.natter.router.config.TransportOptions;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The web transport: WAMP over WebSocket at {@code /ws} on the application's HTTP server (port
 * 8080, {@code QUARKUS_HTTP_PORT} overrides), subprotocols {@code wamp.2.json} (text frames) and
 * {@code wamp.2.msgpack} (binary frames), with the configured web transport's auth and options
 * ({@link Transports#web()}). Before the upgrade it refuses every request when the config has no
 * web transport (404) and an {@code Origin} the transport's {@code allowed_origins} does not admit
 * (403; a missing one unless {@code allow_missing_origin}); the rest, as on the websocket
 * transports, is {@link WebSocketUpgrade}'s: 426, 400, the WebSocket cap (503), then
 * {@link WampSocket} straight on Vert.x, permessage-deflate off.
 */
@ApplicationScoped
public class WebTransport implements HttpServerOptionsCustomizer {

    @Inject
    Transports transports;

    @Inject
    WebSocketUpgrade upgrades;

    @Inject
    ConnectionGates gates;

    private volatile OriginPolicy policy;

    void route(@Observes Router router) {
        router.route("/ws").handler(this::upgrade);
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        upgrades.configure(options);
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
        upgrades.upgrade(web, request);
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
