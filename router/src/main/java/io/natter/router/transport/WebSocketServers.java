package io.natter.router.transport;

import io.natter.router.config.RouterConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The websocket transports ({@code "type": "websocket"}, e.g. the internal one for workers on
 * 127.0.0.1:9001): one plain Vert.x HTTP server each, started with the application and stopped
 * with it. Like Crossbar's, it accepts WAMP on any path. It refuses, before the upgrade, any
 * request that carries an {@code Origin} header (HTTP 403: browsers always send one, workers
 * never do), a request that is not a WebSocket upgrade (426), an upgrade that offers no WAMP
 * subprotocol (400) and an upgrade past the WebSocket cap (503); the connection caps and the
 * request deadline of {@link ConnectionGates} apply to each server on its own. Connections then
 * run exactly as on the web transport ({@link WampSocket}), with this transport's auth and
 * limits; permessage-deflate is off.
 */
@ApplicationScoped
public class WebSocketServers {

    private static final Logger LOG = Logger.getLogger(WebSocketServers.class);
    private static final long START_STOP_SECONDS = 10;

    @Inject
    Vertx vertx;

    @Inject
    Transports transports;

    @Inject
    WampChannels channels;

    @Inject
    RouterConfig config;

    @Inject
    ConnectionGates gates;

    private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent event) {
        for (TransportSetup transport : transports.websockets()) {
            listen(transport);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        for (HttpServer server : servers.values()) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(START_STOP_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warnf("websocket transport did not close cleanly: %s", e.getClass().getSimpleName());
            }
        }
        servers.clear();
    }

    /** The port the transport {@code transportId} listens on (useful when the config says 0), or -1. */
    public int port(String transportId) {
        HttpServer server = servers.get(transportId);
        return server == null ? -1 : server.actualPort();
    }

    private void listen(TransportSetup transport) {
        String host = transport.config().endpoint().host();
        int port = transport.config().endpoint().port();
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setMaxWebSocketFrameSize(Math.max(config.maxFrameSize(), 125))
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                // HTTP/1.1 only: the upgrade, health and metrics need nothing more, and the request
                // deadline (RequestDeadline) reads HTTP/1 heads; clients asking for h2c stay on 1.1.
                .setHttp2ClearTextEnabled(false)
                .setWebSocketSubProtocols(WampChannels.SUBPROTOCOLS);
        HttpServer server = vertx.createHttpServer(options).requestHandler(request -> upgrade(transport, request));
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(START_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigurationException("Router transport " + transport.id() + " cannot listen on " + host + ":" + port + ": "
                    + cause.getMessage());
        }
        servers.put(transport.id(), server);
        LOG.infof("websocket transport %s listening on %s:%d", transport.id(), host, server.actualPort());
        gates.probe(transport.id(), host, server.actualPort());
    }

    private void upgrade(TransportSetup transport, HttpServerRequest request) {
        gates.adopt(request.connection(), transport.id());
        if (request.headers().contains("Origin")) {
            request.response().setStatusCode(403).end("requests with an Origin header are refused on this transport");
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
        Map<String, String> headers = WampChannels.headers(request.headers());
        request.toWebSocket()
                .onSuccess(socket -> {
                    ConnectionGates.upgraded(request.connection());
                    channels.serve(transport, socket, FlushBatching.install(request.connection(), config.flushBatching()), headers);
                })
                .onFailure(e -> LOG.debugf("websocket upgrade failed on %s: %s", transport.id(), e.getMessage()));
    }
}
