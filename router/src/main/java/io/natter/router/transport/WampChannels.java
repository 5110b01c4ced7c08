package io.natter.router.transport;

import io.natter.router.auth.RouterAuth;
import io.natter.router.config.RouterConfig;
import io.natter.router.metrics.RouterMetrics;
import io.natter.router.realm.RealmRegistry;
import io.natter.router.util.Timers;
import io.natter.router.peer.TransportInfo;
import io.natter.router.util.VertxTimers;
import io.natter.router.session.WampConnection;
import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.Serializers;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * Opens the WAMP side of a new WebSocket for any transport: the bounded outbound queue, the
 * handshake state machine with the transport's authenticators and limits, and the heartbeat.
 */
@ApplicationScoped
public class WampChannels {

    /** The WAMP subprotocols the router speaks. */
    static final List<String> SUBPROTOCOLS = List.of("wamp.2.json", "wamp.2.msgpack");

    private static final Logger LOG = Logger.getLogger(WampChannels.class);
    private static final Buffer PING = Buffer.buffer("natter");

    @Inject
    RealmRegistry realms;

    @Inject
    RouterConfig config;

    @Inject
    RouterMetrics metrics;

    @Inject
    Vertx vertx;

    @Inject
    RouterAuth auth;

    /**
     * Serves WAMP on a socket just upgraded on {@code transport}; called on the socket's event
     * loop. A socket without a WAMP subprotocol is closed with 1002 (the transports refuse such
     * upgrades earlier).
     */
    void serve(TransportSetup transport, ServerWebSocket socket, ChannelHandlerContext netty, Map<String, String> headers) {
        Optional<Serializer> serializer = Serializers.forSubprotocol(socket.subProtocol());
        if (serializer.isEmpty()) {
            socket.close((short) WampConnection.CLOSE_PROTOCOL_ERROR, "no WAMP subprotocol negotiated");
            return;
        }
        TransportInfo info = new TransportInfo(transport.id(), TransportInfo.peerOf(socket.remoteAddress().hostAddress(),
                socket.remoteAddress().port()), headers, socket.subProtocol());
        WampSocket sink = new WampSocket(socket, netty, vertx.getOrCreateContext(), transport.maxMessageSize());
        sink.attach(open(transport, sink, serializer.get(), info));
        socket.exceptionHandler(failure -> LOG.debugf("websocket failure on %s: %s", transport.id(), failure.getClass().getSimpleName()));
    }

    /** The WAMP side of a new connection whose frames go through {@code sink}. */
    WampChannel open(TransportSetup transport, FrameSink sink, Serializer serializer, TransportInfo info) {
        Timers timers = new VertxTimers(vertx);
        ConnectionOutbound outbound = new ConnectionOutbound(sink, serializer, config.outbound(), metrics,
                task -> vertx.runOnContext(ignored -> task.run()));
        WampConnection wamp = new WampConnection(realms::find, transport.authenticators(), auth.rateLimiter(), info, outbound, timers,
                transport.handshakeTimeout().toMillis());
        outbound.onOverflow(wamp::onSlowConsumer);
        if (sink instanceof WampSocket socket) {
            socket.answerPingsThrough(outbound);
        }
        Heartbeat heartbeat = new Heartbeat(timers, transport.autoPingInterval().toMillis(), transport.autoPingTimeout().toMillis(),
                () -> sink.ping(PING),
                () -> {
                    wamp.onTransportClosed();
                    sink.close(WampConnection.CLOSE_POLICY, "ping timeout");
                });
        WampChannel channel = new WampChannel(wamp, serializer, sink, heartbeat, transport.maxMessageSize(), metrics);
        wamp.opened();
        heartbeat.start();
        return channel;
    }

    /** Whether a {@code Sec-WebSocket-Protocol} header list offers one of {@link #SUBPROTOCOLS}. */
    static boolean offersWamp(List<String> headers) {
        for (String header : headers) {
            for (String offered : header.split(",")) {
                if (SUBPROTOCOLS.contains(offered.trim())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Headers as {@link TransportInfo} holds them: lower-case names, repeated values joined. */
    static Map<String, String> headers(Iterable<Map.Entry<String, String>> entries) {
        Map<String, String> headers = new TreeMap<>();
        BiConsumer<String, String> add = (name, value) -> headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + ", " + b);
        entries.forEach(e -> add.accept(e.getKey(), e.getValue()));
        return headers;
    }
}
