package io.natter.router.transport;

import io.natter.router.session.TransportInfo;
import io.natter.router.session.WampConnection;
import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.Serializers;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The web transport: WebSocket at {@code /ws} on the HTTP server, subprotocols
 * {@code wamp.2.json} (text frames) and {@code wamp.2.msgpack} (binary frames), with the
 * configured web transport's auth and options ({@link Transports#web()}). Upgrades are checked
 * before they happen ({@link SubprotocolUpgradeCheck}, {@link WebOriginCheck}). Every callback
 * returns a {@link Uni}, so all of it runs on the connection's event loop and never blocks;
 * messages of one connection are handled one at a time (serial inbound processing) by its
 * {@link WampChannel}.
 */
@WebSocket(path = "/ws")
public class WampEndpoint {

    private static final Logger LOG = Logger.getLogger(WampEndpoint.class);
    private static final TypedKey<WampChannel> CHANNEL = new TypedKey<>("natter.wamp.channel");
    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    @Inject
    Transports transports;

    @Inject
    WampChannels channels;

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        Optional<Serializer> serializer = Serializers.forSubprotocol(connection.subprotocol());
        TransportSetup web = transports.web();
        if (serializer.isEmpty() || web == null) {
            return connection.close(new CloseReason(WampConnection.CLOSE_PROTOCOL_ERROR, "no WAMP subprotocol negotiated"));
        }
        HandshakeRequest request = connection.handshakeRequest();
        TransportInfo info = new TransportInfo(web.id(), WampChannels.peer(request.remoteAddress()),
                WampChannels.headers(request.headers()), connection.subprotocol());
        connection.userData().put(CHANNEL, channels.open(web, sink(connection), serializer.get(), info));
        return DONE;
    }

    @OnTextMessage
    public Uni<Void> onText(WebSocketConnection connection, Buffer frame) {
        WampChannel channel = connection.userData().get(CHANNEL);
        return channel == null ? DONE : channel.onMessage(frame, false);
    }

    @OnBinaryMessage
    public Uni<Void> onBinary(WebSocketConnection connection, Buffer frame) {
        WampChannel channel = connection.userData().get(CHANNEL);
        return channel == null ? DONE : channel.onMessage(frame, true);
    }

    @OnPongMessage
    public Uni<Void> onPong(WebSocketConnection connection, Buffer data) {
        WampChannel channel = connection.userData().get(CHANNEL);
        if (channel != null) {
            channel.onPong();
        }
        return DONE;
    }

    @OnClose
    public Uni<Void> onClose(WebSocketConnection connection) {
        WampChannel channel = connection.userData().get(CHANNEL);
        if (channel != null) {
            channel.onClosed();
        }
        return DONE;
    }

    /** Vert.x reports a message over {@code max-message-size} this way; the default strategy would close with 1011. */
    @OnError
    public Uni<Void> onError(WebSocketConnection connection, IllegalStateException failure) {
        String message = String.valueOf(failure.getMessage());
        WampChannel channel = connection.userData().get(CHANNEL);
        if (message.contains("max message size") && channel != null) {
            return channel.tooBig();
        }
        LOG.errorf(failure, "WebSocket failure on connection %s", connection.id());
        return connection.close(new CloseReason(WampConnection.CLOSE_INTERNAL_ERROR, "internal error"));
    }

    private static FrameSink sink(WebSocketConnection connection) {
        return new FrameSink() {
            @Override
            public Uni<Void> sendText(String text) {
                return connection.sendText(text);
            }

            @Override
            public Uni<Void> sendBinary(Buffer bytes) {
                return connection.sendBinary(bytes);
            }

            @Override
            public Uni<Void> sendPing(Buffer payload) {
                return connection.sendPing(payload);
            }

            @Override
            public Uni<Void> close(int code, String reason) {
                return connection.close(new CloseReason(code, reason));
            }

            @Override
            public boolean isOpen() {
                return connection.isOpen();
            }
        };
    }
}
