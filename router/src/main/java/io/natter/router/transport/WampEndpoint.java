package io.natter.router.transport;

import io.natter.router.config.RouterConfig;
import io.natter.router.observability.RouterMetrics;
import io.natter.router.realm.RealmRegistry;
import io.natter.router.session.VertxTimers;
import io.natter.router.session.WampConnection;
import io.natter.wamp.message.Message;
import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.Serializers;
import io.natter.wamp.serialization.WampDecodeException;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The public WAMP transport: WebSocket at {@code /ws}, subprotocols {@code wamp.2.json} (text
 * frames) and {@code wamp.2.msgpack} (binary frames). It only decodes frames and hands messages to
 * the connection's {@link WampConnection}; every callback returns a {@link Uni}, so all of it runs
 * on the connection's event loop and never blocks. Messages of one connection are handled one at
 * a time (serial inbound processing).
 */
@WebSocket(path = "/ws")
public class WampEndpoint {

    /** WebSocket close code for a message over the size limit. */
    static final int CLOSE_TOO_BIG = 1009;

    private static final Logger LOG = Logger.getLogger(WampEndpoint.class);
    private static final TypedKey<WampConnection> WAMP = new TypedKey<>("natter.wamp.connection");
    private static final TypedKey<Serializer> SERIALIZER = new TypedKey<>("natter.wamp.serializer");
    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    @Inject
    RealmRegistry realms;

    @Inject
    RouterConfig config;

    @Inject
    RouterMetrics metrics;

    @Inject
    Vertx vertx;

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        Optional<Serializer> serializer = Serializers.forSubprotocol(connection.subprotocol());
        if (serializer.isEmpty()) {
            return connection.close(new CloseReason(WampConnection.CLOSE_PROTOCOL_ERROR, "no WAMP subprotocol negotiated"));
        }
        ConnectionOutbound outbound = new ConnectionOutbound(connection, serializer.get(), config.outbound(), metrics,
                task -> vertx.runOnContext(ignored -> task.run()));
        WampConnection wamp = new WampConnection(realms::find, outbound, transportDetails(connection), new VertxTimers(vertx),
                config.handshakeTimeout().toMillis());
        outbound.onOverflow(wamp::onSlowConsumer);
        connection.userData().put(WAMP, wamp);
        connection.userData().put(SERIALIZER, serializer.get());
        wamp.opened();
        return DONE;
    }

    @OnTextMessage
    public Uni<Void> onText(WebSocketConnection connection, Buffer frame) {
        return onFrame(connection, frame, false);
    }

    @OnBinaryMessage
    public Uni<Void> onBinary(WebSocketConnection connection, Buffer frame) {
        return onFrame(connection, frame, true);
    }

    @OnClose
    public Uni<Void> onClose(WebSocketConnection connection) {
        WampConnection wamp = connection.userData().get(WAMP);
        if (wamp != null) {
            wamp.onTransportClosed();
        }
        return DONE;
    }

    /** Vert.x reports a message over {@code max-message-size} this way; the default strategy would close with 1011. */
    @OnError
    public Uni<Void> onError(WebSocketConnection connection, IllegalStateException failure) {
        String message = String.valueOf(failure.getMessage());
        if (message.contains("max message size")) {
            return connection.close(new CloseReason(CLOSE_TOO_BIG, "message too big"));
        }
        LOG.errorf(failure, "WebSocket failure on connection %s", connection.id());
        return connection.close(new CloseReason(WampConnection.CLOSE_INTERNAL_ERROR, "internal error"));
    }

    private Uni<Void> onFrame(WebSocketConnection connection, Buffer frame, boolean binary) {
        WampConnection wamp = connection.userData().get(WAMP);
        Serializer serializer = connection.userData().get(SERIALIZER);
        if (wamp == null || serializer == null) {
            return DONE;
        }
        if (frame.length() > config.maxMessageSize()) {
            return connection.close(new CloseReason(CLOSE_TOO_BIG, "message too big"));
        }
        if (binary != serializer.binary()) {
            wamp.onUndecodable((binary ? "binary" : "text") + " frame received on subprotocol " + serializer.subprotocol());
            return DONE;
        }
        Message message;
        try {
            message = serializer.decode(frame.getBytes());
        } catch (WampDecodeException e) {
            wamp.onUndecodable("malformed message: " + e.getMessage());
            return DONE;
        }
        metrics.received(message);
        return wamp.onMessage(message);
    }

    private static Map<String, Object> transportDetails(WebSocketConnection connection) {
        Map<String, Object> transport = new LinkedHashMap<>();
        transport.put("type", "websocket");
        transport.put("protocol", connection.subprotocol());
        transport.put("peer", "tcp:" + connection.handshakeRequest().remoteAddress());
        return transport;
    }
}
