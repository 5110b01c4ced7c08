package io.natter.bench.baseline;

import io.natter.bench.vertx.VertxInternals;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;

import java.nio.charset.StandardCharsets;
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
 * For the same reason it writes as the router does: one copy of each frame's payload shared by
 * every receiver (a pooled direct buffer from 1 KiB up), Netty frames put into the pipeline at Vert.x's handler with Netty's void
 * promise, without the Vert.x promise {@code writeFrame} makes for each. The pipeline comes from
 * {@link VertxInternals}; without it the relay writes through Vert.x, one flush per frame.
 * Run it with {@code java ... RelayServer <port>}.
 */
public final class RelayServer implements AutoCloseable {

    private static final String FLUSH_BATCHING = "flush-batching";

    private final Vertx vertx;
    private final HttpServer server;
    private final Map<String, List<Member>> rooms = new ConcurrentHashMap<>();

    /** A socket of a room and the pipeline context its frames are written at (null: written through Vert.x). */
    private record Member(ServerWebSocket ws, ChannelHandlerContext netty) {
    }

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
        http.requestHandler(relay::upgrade);
        await(http.listen());
        return relay;
    }

    /** The port it listens on. */
    public int port() {
        return server.actualPort();
    }

    private void upgrade(HttpServerRequest request) {
        if (!request.path().startsWith("/relay/")) {
            request.response().setStatusCode(404).end();
            return;
        }
        ChannelHandlerContext netty = VertxInternals.channel(request.connection());
        if (netty != null && netty.pipeline().get(FLUSH_BATCHING) == null) {
            netty.pipeline().addBefore(netty.name(), FLUSH_BATCHING, new FlushConsolidationHandler(64, true));
        }
        request.toWebSocket().onSuccess(ws -> accept(new Member(ws, netty)));
    }

    private void accept(Member member) {
        ServerWebSocket ws = member.ws();
        List<Member> room = rooms.computeIfAbsent(ws.path(), k -> new CopyOnWriteArrayList<>());
        room.add(member);
        ws.frameHandler(frame -> forward(member, room, frame));
        ws.closeHandler(v -> room.remove(member));
        ws.exceptionHandler(e -> room.remove(member));
    }

    private static void forward(Member from, List<Member> room, WebSocketFrame frame) {
        WebSocketFrameType type = frame.type();
        if (type != WebSocketFrameType.TEXT && type != WebSocketFrameType.BINARY && type != WebSocketFrameType.CONTINUATION) {
            return;
        }
        byte[] payload = frame.binaryData().getBytes();
        // As the router shares an EVENT: from DIRECT_MIN bytes up, one pooled direct copy that
        // every receiver writes from (Netty would copy a heap payload into a direct buffer per
        // receiver), released once all of them hold their own reference.
        ByteBuf shared = payload.length >= DIRECT_MIN
                ? PooledByteBufAllocator.DEFAULT.directBuffer(payload.length).writeBytes(payload) : null;
        try {
            for (Member to : room) {
                if (to != from && to.netty() == null) {
                    to.ws().writeFrame(copy(type, frame.isFinal(), payload));
                } else if (to != from && to.netty().channel().isActive()) {
                    ByteBuf data = shared != null ? shared.retainedDuplicate() : Unpooled.wrappedBuffer(payload);
                    io.netty.handler.codec.http.websocketx.WebSocketFrame out = switch (type) {
                        case TEXT -> new TextWebSocketFrame(frame.isFinal(), 0, data);
                        case BINARY -> new BinaryWebSocketFrame(frame.isFinal(), 0, data);
                        default -> new ContinuationWebSocketFrame(frame.isFinal(), 0, data);
                    };
                    to.netty().writeAndFlush(out, to.netty().voidPromise());
                }
            }
        } finally {
            if (shared != null) {
                shared.release();
            }
        }
    }

    /** A Vert.x frame carrying {@code payload}, for a member without a pipeline context. */
    private static WebSocketFrame copy(WebSocketFrameType type, boolean isFinal, byte[] payload) {
        return switch (type) {
            case TEXT -> WebSocketFrame.textFrame(new String(payload, StandardCharsets.UTF_8), isFinal);
            case BINARY -> WebSocketFrame.binaryFrame(Buffer.buffer(payload), isFinal);
            default -> WebSocketFrame.continuationFrame(Buffer.buffer(payload), isFinal);
        };
    }

    /** The router's {@code OutgoingMessage.DIRECT_MIN}, repeated so that the baseline does not depend on it. */
    private static final int DIRECT_MIN = 1024;

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
        // As Natter's router runs (its RouterMain): Netty's object pool off, unless -D says otherwise.
        // Repeated here rather than called, so that the baseline does not depend on the router's code.
        System.getProperties().putIfAbsent("io.netty.recycler.maxCapacityPerThread", "0");
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        RelayServer relay = start("127.0.0.1", port);
        System.out.println("relay listening on 127.0.0.1:" + relay.port());
    }
}
