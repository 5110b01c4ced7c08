package io.natter.router.transport;

import io.natter.router.config.RouterConfig;
import io.natter.router.observability.RouterMetrics;
import io.natter.router.realm.RealmRegistry;
import io.natter.router.session.Timers;
import io.natter.router.session.TransportInfo;
import io.natter.router.session.VertxTimers;
import io.natter.router.session.WampConnection;
import io.natter.wamp.serialization.Serializer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Opens the WAMP side of a new WebSocket for either transport: the bounded outbound queue, the
 * handshake state machine with the transport's authenticators and limits, and the heartbeat.
 */
@ApplicationScoped
public class WampChannels {

    private static final Buffer PING = Buffer.buffer("natter");

    @Inject
    RealmRegistry realms;

    @Inject
    RouterConfig config;

    @Inject
    RouterMetrics metrics;

    @Inject
    Vertx vertx;

    /** Called on the connection's event loop once the upgrade is done. */
    WampChannel open(TransportSetup transport, FrameSink sink, Serializer serializer, TransportInfo info) {
        Timers timers = new VertxTimers(vertx);
        ConnectionOutbound outbound = new ConnectionOutbound(sink, serializer, config.outbound(), metrics,
                task -> vertx.runOnContext(ignored -> task.run()));
        WampConnection wamp = new WampConnection(realms::find, transport.authenticators(), info, outbound, timers,
                transport.handshakeTimeout().toMillis());
        outbound.onOverflow(wamp::onSlowConsumer);
        Heartbeat heartbeat = new Heartbeat(timers, transport.autoPingInterval().toMillis(), transport.autoPingTimeout().toMillis(),
                () -> sink.sendPing(PING).subscribe().with(ok -> { }, failure -> { }),
                () -> {
                    wamp.onTransportClosed();
                    sink.close(WampConnection.CLOSE_POLICY, "ping timeout").subscribe().with(ok -> { }, failure -> { });
                });
        WampChannel channel = new WampChannel(wamp, serializer, sink, heartbeat, transport.maxMessageSize(), metrics);
        wamp.opened();
        heartbeat.start();
        return channel;
    }

    /** Crossbar's peer form ({@code tcp4:1.2.3.4:5678}) of a {@code host:port} address. */
    static String peer(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            return "tcp4:" + hostAndPort;
        }
        String host = hostAndPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return TransportInfo.peerOf(host, Integer.parseInt(hostAndPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return "tcp4:" + hostAndPort;
        }
    }

    /** Headers as {@link TransportInfo} holds them: lower-case names, repeated values joined. */
    static Map<String, String> headers(Iterable<Map.Entry<String, String>> entries) {
        Map<String, String> headers = new TreeMap<>();
        BiConsumer<String, String> add = (name, value) -> headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + ", " + b);
        entries.forEach(e -> add.accept(e.getKey(), e.getValue()));
        return headers;
    }

    /** Headers given as name → values. */
    static Map<String, String> headers(Map<String, List<String>> byName) {
        Map<String, String> headers = new TreeMap<>();
        byName.forEach((name, values) -> headers.merge(name.toLowerCase(Locale.ROOT), String.join(", ", values), (a, b) -> a + ", " + b));
        return headers;
    }
}
