package io.natter.bench.baseline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The bare relay: the most a WebSocket server on this stack (Vert.x, Netty, this JVM, this
 * machine) can forward, with no WAMP at all. A socket opened on {@code /relay/<room>} joins the
 * room; every data frame it sends is written, unchanged and undecoded, to every other socket of
 * the room. It accepts the WAMP subprotocols so the generator's sockets look like WAMP clients.
 *
 * <p>It is the ceiling any router on this stack can approach: a router does this and also
 * decodes, routes and encodes. Like Natter's router it sends a socket's frames with one flush per
 * event-loop turn (Netty's {@link FlushConsolidationHandler} before Vert.x's handler), not one
 * per frame: a relay that paid a {@code write} system call per frame would be a ceiling in name
 * only (with per-frame flushes it forwarded 5–6× fewer events than the router with batching).
 * Run it with {@code java ... RelayServer <port>}.
 */
public final class RelayServer implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;
    private final Map<String, List<ServerWebSocket>> rooms = new ConcurrentHashMap<>();

    private RelayServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts a relay on {@code host:port} (0 picks a free port) with one event loop per available core. */
    public static RelayServer start(String host, int port) {
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(Runtime.getRuntime().availableProcessors())
                .setPreferNativeTransport(true));
        HttpServer http = vertx.createHttpServer(new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setTcpNoDelay(true)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setWebSocketSubProtocols(List.of("wamp.2.json", "wamp.2.msgpack"))
                .setMaxWebSocketFrameSize(1 << 20)
                .setMaxWebSocketMessageSize(1 << 22));
        RelayServer relay = new RelayServer(vertx, http);
        http.connectionHandler(RelayServer::batchFlushes);
        http.webSocketHandler(relay::accept);
        await(http.listen());
        return relay;
    }

    /** The port it listens on. */
    public int port() {
        return server.actualPort();
    }

    private static void batchFlushes(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            ChannelHandlerContext vertx = base.channelHandlerContext();
            vertx.pipeline().addBefore(vertx.name(), "flush-batching", new FlushConsolidationHandler(64, true));
        }
    }

    private void accept(ServerWebSocket ws) {
        if (!ws.path().startsWith("/relay/")) {
            ws.reject(404);
            return;
        }
        List<ServerWebSocket> room = rooms.computeIfAbsent(ws.path(), k -> new CopyOnWriteArrayList<>());
        room.add(ws);
        ws.frameHandler(frame -> forward(ws, room, frame));
        ws.closeHandler(v -> room.remove(ws));
        ws.exceptionHandler(e -> room.remove(ws));
    }

    private static void forward(ServerWebSocket from, List<ServerWebSocket> room, WebSocketFrame frame) {
        WebSocketFrameType type = frame.type();
        if (type != WebSocketFrameType.TEXT && type != WebSocketFrameType.BINARY && type != WebSocketFrameType.CONTINUATION) {
            return;
        }
        Buffer data = frame.binaryData();
        for (ServerWebSocket to : room) {
            if (to != from) {
                to.writeFrame(new WebSocketFrameImpl(type, data.getByteBuf(), frame.isFinal()));
            }
        }
    }

    @Override
    public void close() {
        await(server.close());
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("relay: " + e.getMessage(), e);
        }
    }

    /** {@code RelayServer [port]}: runs until killed. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        RelayServer relay = start("127.0.0.1", port);
        System.out.println("relay listening on 127.0.0.1:" + relay.port());
    }
}
