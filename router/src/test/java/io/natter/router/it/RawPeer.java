package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Welcome;
import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.WampDecodeException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WAMP peer on a bare Vert.x WebSocket, for what the {@code WampClient} refuses to do: send
 * messages out of order or malformed, stop reading, inspect ABORT and close codes.
 *
 * <p>Frames from the router are decoded with the connection's serializer and queued in arrival
 * order; the close status arrives once the WebSocket is closed.
 */
final class RawPeer implements AutoCloseable {

    /** The roles a raw peer announces in HELLO: every role, with the features the tests rely on. */
    static final Map<String, Object> ROLES = Map.of(
            "publisher", Map.of("features", Map.of("publisher_exclusion", true, "publisher_identification", true,
                    "subscriber_blackwhite_listing", true)),
            "subscriber", Map.of("features", Map.of("pattern_based_subscription", true, "publisher_identification", true)),
            "caller", Map.of("features", Map.of("call_canceling", true, "call_timeout", true,
                    "caller_identification", true, "progressive_call_results", true)),
            "callee", Map.of("features", Map.of("call_canceling", true, "caller_identification", true,
                    "pattern_based_registration", true, "progressive_call_results", true, "shared_registration", true)));

    /** How the WebSocket closed. */
    record Closed(Short code, String reason) {
    }

    private final WebSocketClient client;
    private final WebSocket socket;
    private final Serializer serializer;
    private final BlockingQueue<Object> inbound = new LinkedBlockingQueue<>();
    /** Request IDs of marker SUBSCRIBEs, far from the small ones the tests use. */
    private final AtomicLong markers = new AtomicLong(1L << 40);
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();

    private RawPeer(WebSocketClient client, WebSocket socket, Serializer serializer) {
        this.client = client;
        this.socket = socket;
        this.serializer = serializer;
        socket.textMessageHandler(text -> receive(text.getBytes(StandardCharsets.UTF_8)));
        socket.binaryMessageHandler(buffer -> receive(buffer.getBytes()));
        socket.closeHandler(v -> closed.complete(new Closed(socket.closeStatusCode(), socket.closeReason())));
        socket.exceptionHandler(e -> { });
    }

    /** Opens a WebSocket to the router at {@code port} offering the subprotocol of {@code wire}; no WAMP yet. */
    static RawPeer connect(Vertx vertx, int port, Wire wire) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(16 * 1024 * 1024));
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
                .setSubProtocols(List.of(wire.serializer().subprotocol()));
        WebSocket socket = client.connect(options).toCompletionStage().toCompletableFuture()
                .get(RouterIT.WAIT_SECONDS, TimeUnit.SECONDS);
        return new RawPeer(client, socket, wire.serializer());
    }

    private void receive(byte[] frame) {
        try {
            inbound.add(serializer.decode(frame));
        } catch (WampDecodeException e) {
            inbound.add(e);
        }
    }

    Serializer serializer() {
        return serializer;
    }

    /** Sends {@code message} in the connection's serialization. */
    void send(Message message) {
        byte[] frame = serializer.encode(message);
        if (serializer.binary()) {
            sendBinary(frame);
        } else {
            sendText(new String(frame, StandardCharsets.UTF_8));
        }
    }

    /** Sends a text frame as it is. */
    void sendText(String text) {
        socket.writeTextMessage(text);
    }

    /** Sends a binary frame as it is. */
    void sendBinary(byte[] bytes) {
        socket.writeBinaryMessage(Buffer.buffer(bytes));
    }

    /** Sends an already encoded frame of this connection's kind (text for JSON, binary for MessagePack). */
    void sendFrame(byte[] frame) {
        if (serializer.binary()) {
            sendBinary(frame);
        } else {
            sendText(new String(frame, StandardCharsets.UTF_8));
        }
    }

    /** HELLO for {@code realm} with every role; returns the WELCOME. */
    Welcome join(String realm) throws Exception {
        return join(realm, ROLES);
    }

    /** HELLO for {@code realm} announcing {@code roles}; returns the WELCOME. */
    Welcome join(String realm, Map<String, Object> roles) throws Exception {
        send(new Hello(realm, Map.of("roles", roles)));
        return expect(Welcome.class);
    }

    /** The next message from the router, within the wait limit. */
    Message next() throws Exception {
        Object item = inbound.poll(RouterIT.WAIT_SECONDS, TimeUnit.SECONDS);
        if (item == null) {
            throw new TimeoutException("no message from the router within " + RouterIT.WAIT_SECONDS + " s");
        }
        if (item instanceof WampDecodeException e) {
            throw new AssertionError("the router sent an undecodable frame", e);
        }
        return (Message) item;
    }

    /** The next message, which must be a {@code type}. */
    <T extends Message> T expect(Class<T> type) throws Exception {
        Message message = next();
        assertThat(message).isInstanceOf(type);
        return type.cast(message);
    }

    /** The next message that is a {@code type}, skipping others (e.g. meta events on other subscriptions). */
    <T extends Message> T skipTo(Class<T> type) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RouterIT.WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            Object item = inbound.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (type.isInstance(item)) {
                return type.cast(item);
            }
        }
        return fail("no " + type.getSimpleName() + " from the router within " + RouterIT.WAIT_SECONDS + " s");
    }

    /** A message already received, waiting up to 100 ms; null if none. */
    Message poll() throws Exception {
        Object item = inbound.poll(100, TimeUnit.MILLISECONDS);
        if (item instanceof WampDecodeException e) {
            throw new AssertionError("the router sent an undecodable frame", e);
        }
        return (Message) item;
    }

    /**
     * The messages that arrive before the answer to a marker request sent now, in order (PubSubIT's
     * marker technique, for a raw peer): the router handles a session's requests one after another
     * and writes to a connection in the order the writes were made, so anything it sent this peer
     * before the marker's SUBSCRIBED arrives before it. Proves "nothing more" without waiting for
     * a silence. The marker subscription stays until the session ends.
     */
    List<Message> untilMarker() throws Exception {
        long request = markers.incrementAndGet();
        send(new Subscribe(request, Map.of(), "it.marker." + request));
        List<Message> before = new ArrayList<>();
        for (Message message = next(); !(message instanceof Subscribed s && s.request() == request); message = next()) {
            before.add(message);
        }
        return before;
    }

    /** Whether received messages are waiting. */
    boolean hasPending() {
        return !inbound.isEmpty();
    }

    /** Waits until the WebSocket is closed; returns the close status. */
    Closed awaitClose() throws Exception {
        return closed.get(RouterIT.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Stops reading: frames stay in the kernel buffers and the router's writes stop completing. */
    void pause() {
        socket.pause();
    }

    /** Reads again. */
    void resume() {
        socket.resume();
    }

    @Override
    public void close() {
        socket.resume();
        if (!closed.isDone()) {
            socket.close();
        }
        client.close();
    }
}
