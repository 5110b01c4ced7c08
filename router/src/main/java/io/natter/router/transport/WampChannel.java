package io.natter.router.transport;

import io.natter.router.metrics.RouterMetrics;
import io.natter.router.session.WampConnection;
import io.natter.wamp.message.Message;
import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.WampDecodeException;
import io.natter.router.util.Completion;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * The transport-neutral side of one WebSocket carrying WAMP: checks each message's size and frame
 * type, decodes it and hands it to the connection's {@link WampConnection}; runs the heartbeat.
 * Its {@link WampSocket} feeds it one message at a time, on the connection's event loop, the next
 * only after the {@link Uni} of the previous one completed ({@link Completion#DONE}: at once).
 */
final class WampChannel {

    /** WebSocket close code for a message over the size limit. */
    static final int CLOSE_TOO_BIG = 1009;


    private final WampConnection wamp;
    private final Serializer serializer;
    private final FrameSink sink;
    private final Heartbeat heartbeat;
    private final int maxMessageSize;
    private final RouterMetrics metrics;

    WampChannel(WampConnection wamp, Serializer serializer, FrameSink sink, Heartbeat heartbeat, int maxMessageSize, RouterMetrics metrics) {
        this.wamp = wamp;
        this.serializer = serializer;
        this.sink = sink;
        this.heartbeat = heartbeat;
        this.maxMessageSize = maxMessageSize;
        this.metrics = metrics;
    }

    /** One whole WebSocket message. */
    Uni<Void> onMessage(Buffer frame, boolean binary) {
        if (frame.length() > maxMessageSize) {
            tooBig();
            return Completion.DONE;
        }
        if (binary != serializer.binary()) {
            wamp.onUndecodable((binary ? "binary" : "text") + " frame received on subprotocol " + serializer.subprotocol());
            return Completion.DONE;
        }
        Message message;
        try {
            message = serializer.decode(frame.getBytes());
        } catch (WampDecodeException e) {
            wamp.onUndecodable("malformed message: " + e.getMessage());
            return Completion.DONE;
        }
        metrics.received(message);
        return wamp.onMessage(message);
    }

    /** The peer sent (or began) a message over the size limit: close with 1009. */
    void tooBig() {
        heartbeat.stop();
        wamp.onTransportClosed();
        sink.close(CLOSE_TOO_BIG, "message too big");
    }

    void onPong() {
        heartbeat.pong();
    }

    /** The WebSocket is closed: the session (if any) leaves its realm. */
    void onClosed() {
        heartbeat.stop();
        wamp.onTransportClosed();
    }

    WampConnection wamp() {
        return wamp;
    }
}
