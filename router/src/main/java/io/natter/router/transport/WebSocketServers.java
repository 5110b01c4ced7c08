package io.natter.router.transport;

import io.natter.router.config.RouterConfig;
import io.natter.router.session.TransportInfo;
import io.natter.router.session.WampConnection;
import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.Serializers;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The websocket transports ({@code "type": "websocket"}, e.g. the internal one for workers on
 * 127.0.0.1:9001): one plain Vert.x HTTP server each, started with the application and stopped
 * with it. Like Crossbar's, it accepts WAMP on any path. It refuses, before the upgrade, any
 * request that carries an {@code Origin} header (HTTP 403: browsers always send one, workers
 * never do), a request that is not a WebSocket upgrade (426) and an upgrade that offers no WAMP
 * subprotocol (400). Connections then run exactly as on the web transport ({@link WampChannel}),
 * with this transport's auth and limits; permessage-deflate is off.
 *
 * <p>Threading: each connection's handlers run on its event loop; the socket is paused while a
 * message is being handled, so one connection's messages are handled one at a time, in order.
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
                .setMaxWebSocketMessageSize(transport.maxMessageSize())
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setWebSocketSubProtocols(SubprotocolUpgradeCheck.SUBPROTOCOLS);
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
    }

    private void upgrade(TransportSetup transport, HttpServerRequest request) {
        if (request.headers().contains("Origin")) {
            request.response().setStatusCode(403).end("requests with an Origin header are refused on this transport");
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            request.response().setStatusCode(426).putHeader("Upgrade", "websocket").end("WAMP over WebSocket only");
            return;
        }
        if (!offersWamp(request.headers().getAll("Sec-WebSocket-Protocol"))) {
            request.response().setStatusCode(400).end("no WAMP subprotocol offered (wamp.2.json, wamp.2.msgpack)");
            return;
        }
        Map<String, String> headers = WampChannels.headers(request.headers());
        request.toWebSocket().onSuccess(socket -> accept(transport, headers, socket))
                .onFailure(e -> LOG.debugf("websocket upgrade failed on %s: %s", transport.id(), e.getMessage()));
    }

    private void accept(TransportSetup transport, Map<String, String> headers, ServerWebSocket socket) {
        Optional<Serializer> serializer = Serializers.forSubprotocol(socket.subProtocol());
        if (serializer.isEmpty()) {
            socket.close((short) WampConnection.CLOSE_PROTOCOL_ERROR, "no WAMP subprotocol negotiated");
            return;
        }
        TransportInfo info = new TransportInfo(transport.id(), TransportInfo.peerOf(socket.remoteAddress().hostAddress(),
                socket.remoteAddress().port()), headers, socket.subProtocol());
        Context context = vertx.getOrCreateContext();
        WampChannel channel = channels.open(transport, sink(socket), serializer.get(), info);
        socket.textMessageHandler(text -> serially(context, socket, channel.onMessage(Buffer.buffer(text), false)));
        socket.binaryMessageHandler(bytes -> serially(context, socket, channel.onMessage(bytes, true)));
        socket.pongHandler(ignored -> channel.onPong());
        socket.closeHandler(ignored -> channel.onClosed());
        socket.exceptionHandler(failure -> {
            if (failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).contains("max message size")) {
                channel.tooBig().subscribe().with(ok -> { }, e -> { });
            } else {
                LOG.debugf("websocket failure on %s: %s", transport.id(), failure.getClass().getSimpleName());
            }
        });
    }

    /** Holds the socket's next message back until {@code work} is done. */
    private static void serially(Context context, ServerWebSocket socket, Uni<Void> work) {
        socket.pause();
        work.subscribe().with(ok -> context.runOnContext(v -> socket.resume()), failure -> context.runOnContext(v -> socket.resume()));
    }

    private static boolean offersWamp(List<String> headers) {
        for (String header : headers) {
            for (String offered : header.split(",")) {
                if (SubprotocolUpgradeCheck.SUBPROTOCOLS.contains(offered.trim())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static FrameSink sink(ServerWebSocket socket) {
        return new FrameSink() {
            @Override
            public Uni<Void> sendText(String text) {
                return uni(socket.writeTextMessage(text));
            }

            @Override
            public Uni<Void> sendBinary(Buffer bytes) {
                return uni(socket.writeBinaryMessage(bytes));
            }

            @Override
            public Uni<Void> sendPing(Buffer payload) {
                return uni(socket.writePing(payload));
            }

            @Override
            public Uni<Void> close(int code, String reason) {
                return uni(socket.close((short) code, reason));
            }

            @Override
            public boolean isOpen() {
                return !socket.isClosed();
            }
        };
    }

    private static Uni<Void> uni(Future<Void> future) {
        return Uni.createFrom().emitter(emitter -> future.onComplete(result -> {
            if (result.succeeded()) {
                emitter.complete(null);
            } else {
                emitter.fail(result.cause());
            }
        }));
    }
}
