package io.natter.router.transport;

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
 * never do); the rest is {@link WebSocketUpgrade}'s, as on the web transport (426, 400, the
 * WebSocket cap with 503, then {@link WampSocket} with this transport's auth and limits,
 * permessage-deflate off). The connection caps and the request deadline of
 * {@link ConnectionGates} apply to each server on its own.
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
    WebSocketUpgrade upgrades;

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
        HttpServerOptions options = upgrades.configure(new HttpServerOptions().setHost(host).setPort(port));
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
        upgrades.upgrade(transport, request);
    }
}
