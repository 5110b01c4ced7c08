package io.natter.wamp.quarkus;

import io.natter.wamp.client.transport.TransportConnection;
import io.natter.wamp.client.transport.TransportListener;
import io.natter.wamp.client.transport.TransportRequest;
import io.natter.wamp.client.transport.WampTransport;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@link WampTransport} on Quarkus WebSockets Next's {@link BasicWebSocketConnector}: one
 * connector per connection (connectors are not reusable), callbacks on the event loop
 * ({@code NON_BLOCKING}), the WAMP subprotocol offered with {@code addSubprotocol}, and the
 * message size and connect timeout of each {@link TransportRequest} applied through
 * {@code customizeOptions}, and no {@code Origin} header unless the request has one (Vert.x adds
 * one by default; the router's internal transports refuse it). What arrives before the open future completes is held back, so the
 * client never sees a frame for a connection it does not have yet.
 */
public final class WebSocketsNextTransport implements WampTransport {

    private final Supplier<BasicWebSocketConnector> connectors;
    private final Consumer<BasicWebSocketConnector> release;

    /**
     * @param connectors a new connector per call (e.g. {@code Instance<BasicWebSocketConnector>::get})
     * @param release    gives a connector back once its connect completed (e.g. {@code Instance::destroy})
     */
    public WebSocketsNextTransport(Supplier<BasicWebSocketConnector> connectors,
            Consumer<BasicWebSocketConnector> release) {
        this.connectors = Objects.requireNonNull(connectors, "connectors");
        this.release = Objects.requireNonNull(release, "release");
    }

    @Override
    public Future<TransportConnection> open(TransportRequest request, TransportListener listener) {
        Objects.requireNonNull(listener, "listener");
        Gate gate = new Gate();
        BasicWebSocketConnector connector = connectors.get();
        connector.baseUri(request.uri())
                .addSubprotocol(request.subprotocol())
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .customizeOptions((connect, client) -> {
                    connect.setConnectTimeout(request.connectTimeout().toMillis());
                    connect.setAllowOriginHeader(request.sendsOrigin());
                    client.setMaxMessageSize(request.maxMessageSize());
                    client.setMaxFrameSize(Math.min(request.maxMessageSize(), 65536));
                    client.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, request.connectTimeout().toMillis()));
                })
                .onTextMessage((c, text) -> gate.deliver(() -> listener.onText(text)))
                .onBinaryMessage((c, bytes) -> {
                    byte[] copy = bytes.getBytes();
                    gate.deliver(() -> listener.onBinary(copy));
                })
                .onError((c, error) -> gate.deliver(() -> listener.onError(error)))
                .onClose((c, reason) -> gate.deliver(() -> listener.onClose(code(reason), reason == null ? null : reason.getMessage())));
        request.headers().forEach(connector::addHeader);
        Promise<TransportConnection> opened = Promise.promise();
        Uni<WebSocketClientConnection> connecting;
        try {
            connecting = connector.connect();
        } catch (RuntimeException e) {
            release.accept(connector);
            return Future.failedFuture(e);
        }
        connecting.subscribe().with(connection -> {
            release.accept(connector);
            opened.complete(new Connection(connection));
            gate.open();
        }, failure -> {
            release.accept(connector);
            opened.fail(failure);
        });
        return opened.future();
    }

    private static int code(CloseReason reason) {
        return reason == null ? -1 : reason.getCode();
    }

    static Future<Void> future(Uni<Void> uni) {
        Promise<Void> promise = Promise.promise();
        uni.subscribe().with(v -> promise.complete(), promise::fail);
        return promise.future();
    }

    /** Holds back callbacks until the connection is handed out, then passes them on in order. */
    static final class Gate {
        private List<Runnable> held = new ArrayList<>();

        void deliver(Runnable call) {
            synchronized (this) {
                if (held != null) {
                    held.add(call);
                    return;
                }
            }
            call.run();
        }

        void open() {
            while (true) {
                List<Runnable> calls;
                synchronized (this) {
                    if (held.isEmpty()) {
                        held = null;
                        return;
                    }
                    calls = held;
                    held = new ArrayList<>();
                }
                calls.forEach(Runnable::run);
            }
        }
    }

    /** A WebSockets Next client connection behind the transport interface. */
    static final class Connection implements TransportConnection {
        private final WebSocketClientConnection connection;

        Connection(WebSocketClientConnection connection) {
            this.connection = connection;
        }

        @Override
        public String subprotocol() {
            String accepted = connection.subprotocol();
            return accepted == null || accepted.isEmpty() ? null : accepted;
        }

        @Override
        public Future<Void> sendText(String text) {
            return future(connection.sendText(text));
        }

        @Override
        public Future<Void> sendBinary(byte[] bytes) {
            return future(connection.sendBinary(bytes));
        }

        @Override
        public Future<Void> close() {
            return connection.isClosed() ? Future.succeededFuture() : future(connection.close());
        }

        @Override
        public boolean isClosed() {
            return connection.isClosed();
        }
    }
}
