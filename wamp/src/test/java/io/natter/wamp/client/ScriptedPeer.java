package io.natter.wamp.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.message.Message;
import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.WampDecodeException;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket peer that plays the router from a test script: it accepts connections on a random
 * port, hands every frame it receives to the test (decoded) and sends the frames the test gives
 * it. The test thread blocks on it; the peer's own handlers never do.
 */
final class ScriptedPeer implements AutoCloseable {

    static final int WAIT_SECONDS = 5;

    private final Serializer serializer;
    private final HttpServer server;
    private final BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();

    private ScriptedPeer(Vertx vertx, Serializer serializer) throws Exception {
        this.serializer = serializer;
        this.server = vertx.createHttpServer(new HttpServerOptions()
                        .setWebSocketSubProtocols(List.of("wamp.2.json", "wamp.2.msgpack")))
                .webSocketHandler(ws -> accepted.add(new Connection(ws)))
                .listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    static ScriptedPeer start(Vertx vertx, Serializer serializer) throws Exception {
        return new ScriptedPeer(vertx, serializer);
    }

    String uri() {
        return "ws://127.0.0.1:" + server.actualPort() + "/ws";
    }

    /** The next connection the client opens. */
    Connection accept() throws InterruptedException {
        Connection connection = accepted.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(connection).as("a connection from the client").isNotNull();
        return connection;
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** One accepted WebSocket. */
    final class Connection {
        final long acceptedAtNanos = System.nanoTime();
        /** The subprotocols the client offered in its upgrade request. */
        final String offeredSubprotocols;
        final MultiMap headers;
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        private final ServerWebSocket ws;
        private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

        Connection(ServerWebSocket ws) {
            this.ws = ws;
            this.offeredSubprotocols = ws.headers().get("Sec-WebSocket-Protocol");
            this.headers = ws.headers();
            ws.textMessageHandler(text -> decode(text.getBytes(StandardCharsets.UTF_8)));
            ws.binaryMessageHandler(bytes -> decode(bytes.getBytes()));
            ws.closeHandler(v -> closed.complete(null));
        }

        private void decode(byte[] frame) {
            try {
                received.add(serializer.decode(frame));
            } catch (WampDecodeException e) {
                received.add(e);
            }
        }

        /** The next message the client sent. */
        Message receive() throws InterruptedException {
            Object next = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(next).as("a message from the client").isNotNull().isInstanceOf(Message.class);
            return (Message) next;
        }

        /** The next message, which must be a {@code type}. */
        <T extends Message> T expect(Class<T> type) throws InterruptedException {
            Message message = receive();
            assertThat(message).isInstanceOf(type);
            return type.cast(message);
        }

        void send(Message message) {
            byte[] frame = serializer.encode(message);
            if (serializer.binary()) {
                ws.writeBinaryMessage(Buffer.buffer(frame));
            } else {
                ws.writeTextMessage(new String(frame, StandardCharsets.UTF_8));
            }
        }

        void sendRawText(String text) {
            ws.writeTextMessage(text);
        }

        /** Closes the socket as a crashing router would. */
        void drop() {
            ws.close((short) 1011);
        }

        void awaitClosed() throws Exception {
            closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
