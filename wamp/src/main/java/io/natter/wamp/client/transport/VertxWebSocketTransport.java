package io.natter.wamp.client.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link WampTransport}: a Vert.x {@link WebSocketClient}. Opened from a Vert.x
 * context (as the client does), the socket and so every listener call stay on that context's
 * thread. One Vert.x WebSocket client is made per distinct {@link TransportRequest#maxMessageSize()}
 * (Vert.x sets the limit per client), so the request's limit is always honoured. Vert.x would
 * add an {@code Origin} header of its own; it goes out only when the request carries one (the
 * router's internal transports refuse upgrades with an Origin, as browsers always send one).
 */
public final class VertxWebSocketTransport implements WampTransport {

    /** Frames above this are split by the router; Vert.x reassembles them up to the message limit. */
    private static final int MAX_FRAME_SIZE = 65536;

    private final Vertx vertx;
    private final Map<Integer, WebSocketClient> clients = new ConcurrentHashMap<>();

    public VertxWebSocketTransport(Vertx vertx) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
    }

    @Override
    public Future<TransportConnection> open(TransportRequest request, TransportListener listener) {
        Objects.requireNonNull(listener, "listener");
        WebSocketClient client = clients.computeIfAbsent(request.maxMessageSize(), size -> vertx.createWebSocketClient(
                new WebSocketClientOptions().setMaxMessageSize(size).setMaxFrameSize(Math.min(size, MAX_FRAME_SIZE))));
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setAbsoluteURI(request.uri().toString())
                .setSubProtocols(List.of(request.subprotocol()))
                .setConnectTimeout(request.connectTimeout().toMillis())
                .setAllowOriginHeader(request.sendsOrigin());
        request.headers().forEach(options::addHeader);
        return client.connect(options).map(ws -> new Connection(ws, listener));
    }

    /** A Vert.x WebSocket behind the transport interface; the handlers are set before Vert.x reads on. */
    private static final class Connection implements TransportConnection {
        private final WebSocket ws;

        Connection(WebSocket ws, TransportListener listener) {
            this.ws = ws;
            ws.textMessageHandler(listener::onText);
            ws.binaryMessageHandler(bytes -> listener.onBinary(bytes.getBytes()));
            ws.exceptionHandler(listener::onError);
            ws.closeHandler(v -> {
                Short code = ws.closeStatusCode();
                listener.onClose(code == null ? -1 : code, ws.closeReason());
            });
        }

        @Override
        public String subprotocol() {
            return ws.subProtocol();
        }

        @Override
        public Future<Void> sendText(String text) {
            return ws.writeTextMessage(text);
        }

        @Override
        public Future<Void> sendBinary(byte[] bytes) {
            return ws.writeBinaryMessage(Buffer.buffer(bytes));
        }

        @Override
        public Future<Void> close() {
            return ws.isClosed() ? Future.succeededFuture() : ws.close();
        }

        @Override
        public boolean isClosed() {
            return ws.isClosed();
        }
    }
}
