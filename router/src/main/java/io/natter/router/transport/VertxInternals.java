package io.natter.router.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * The router's one door into Vert.x internals: a Vert.x upgrade that changes them touches this file
 * alone. Three are used, for speed and for the connection caps:
 * <ul>
 *   <li>a connection's Netty channel ({@code ConnectionBase}), where the connection gate goes;</li>
 *   <li>the Netty context of Vert.x's handler on a connection, where frames are written without a
 *       Vert.x promise each and where flush batching goes ({@link FlushBatching});</li>
 *   <li>a data frame around an already encoded buffer without a copy ({@code WebSocketFrameImpl}).</li>
 * </ul>
 * When one is not what this Vert.x has (another connection class), the caller falls back to the
 * public API (writes through {@code writeFrame}, no flush batching, connections counted when they
 * make a request instead of at accept); each kind of fallback logs one WARN and every fallback is
 * counted ({@link #fallbacks()}, the metric {@code natter.router.vertx.fallbacks}).
 */
final class VertxInternals {

    private static final Logger LOG = Logger.getLogger(VertxInternals.class);
    private static final LongAdder FALLBACKS = new LongAdder();
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private VertxInternals() {
    }

    /** The connection's Netty channel, or null (a fallback) when it is not a Vert.x {@code ConnectionBase}. */
    static Channel channel(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            return base.channel();
        }
        fellBack("channel", connection);
        return null;
    }

    /** The Netty context of Vert.x's handler on the connection, or null (a fallback). */
    static ChannelHandlerContext handlerContext(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            return base.channelHandlerContext();
        }
        fellBack("handler context", connection);
        return null;
    }

    /** A final text or binary frame around {@code payload}, which it takes over, for {@code writeFrame}. */
    static WebSocketFrame dataFrame(ByteBuf payload, boolean binary) {
        return new WebSocketFrameImpl(binary ? WebSocketFrameType.BINARY : WebSocketFrameType.TEXT, payload, true);
    }

    /** How many times the router fell back to the public API since the start. */
    static long fallbacks() {
        return FALLBACKS.sum();
    }

    private static void fellBack(String what, Object found) {
        FALLBACKS.increment();
        if (WARNED.add(what)) {
            LOG.warnf("Vert.x internals: no %s on a %s, falling back to the public API (slower; counted in "
                    + "natter.router.vertx.fallbacks; said once)", what, found == null ? "null connection" : found.getClass().getName());
        }
    }
}
