package io.natter.router.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client that sends hand-built WAMP frames and records what comes back, for smoke tests. */
final class RawWampClient implements AutoCloseable {

    static final int TIMEOUT_SECONDS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocketClient client;
    private final WebSocket socket;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();

    private RawWampClient(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(received::add);
        socket.binaryMessageHandler(buffer -> received.add(buffer.getBytes()));
        socket.closeHandler(ignored -> closed.complete(socket.closeStatusCode()));
    }

    /** Connects to {@code uri} (http://host:port/ws) offering {@code subprotocols}; fails as the upgrade fails. */
    static RawWampClient connect(Vertx vertx, URI uri, int maxFrameSize, String... subprotocols) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(maxFrameSize)
                .setMaxMessageSize(4 * 1024 * 1024));
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getPath()).setSubProtocols(List.of(subprotocols));
        try {
            WebSocket socket = client.connect(options).toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new RawWampClient(client, socket);
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    /**
     * Connects to {@code uri} sending exactly {@code headers} besides the handshake's own (no
     * Origin unless given), offering {@code subprotocols}; fails as the upgrade fails.
     */
    static RawWampClient connectWith(Vertx vertx, URI uri, Map<String, String> headers, String... subprotocols) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1024 * 1024)
                .setMaxMessageSize(4 * 1024 * 1024));
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getPath()).setSubProtocols(List.of(subprotocols)).setAllowOriginHeader(headers.containsKey("Origin"));
        headers.forEach(options::addHeader);
        try {
            WebSocket socket = client.connect(options).toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new RawWampClient(client, socket);
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    static RawWampClient connect(Vertx vertx, URI uri, String... subprotocols) throws Exception {
        return connect(vertx, uri, 65536, subprotocols);
    }

    /** Sends a JSON text frame. */
    void send(String json) {
        socket.writeTextMessage(json);
    }

    /** Sends a binary frame. */
    void sendBinary(byte[] bytes) {
        socket.writeBinaryMessage(Buffer.buffer(bytes));
    }

    /** Sends one text frame without fragmenting it. */
    void sendSingleFrame(String text) {
        socket.writeFrame(WebSocketFrame.textFrame(text, true));
    }

    /** The next JSON message as a list, waiting up to the timeout. */
    @SuppressWarnings("unchecked")
    List<Object> next() throws Exception {
        Object frame = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no message within " + TIMEOUT_SECONDS + " s");
        }
        return JSON.readValue((String) frame, List.class);
    }

    /** The next binary frame, waiting up to the timeout. */
    byte[] nextBinary() throws Exception {
        Object frame = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!(frame instanceof byte[] bytes)) {
            throw new AssertionError("expected a binary frame, got " + frame);
        }
        return bytes;
    }

    /** The close code the router sent, waiting up to the timeout. */
    short awaitClose() throws Exception {
        return closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** HELLO to {@code realm} with every client role; returns the WELCOME. */
    List<Object> join(String realm) throws Exception {
        send("[1,\"" + realm + "\",{\"roles\":{\"publisher\":{},\"subscriber\":{},\"caller\":{},\"callee\":{}}}]");
        return next();
    }

    /** {@code value} as a JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> dict(Object value) {
        return (Map<String, Object>) value;
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
        client.close();
    }
}
