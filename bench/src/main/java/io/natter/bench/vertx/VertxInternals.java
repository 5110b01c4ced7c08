package io.natter.bench.vertx;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.impl.ConnectionBase;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place the bench reaches under Vert.x's public API, so that a Vert.x upgrade touches
 * this file only. Three things need it, all for the generator and the relay to cost what a
 * router's own I/O costs: a context's Netty event loop (nanosecond timers for {@code Pacer}),
 * a frame written from a buffer without copying it ({@code Peer}), and a connection's Netty
 * pipeline ({@code RelayServer}'s flush batching and direct writes).
 *
 * <p>When the internals are not there or not what is expected, each falls back to public API
 * (millisecond Vert.x timers, frames made by {@link WebSocketFrame}'s factories, the relay
 * writing through Vert.x one flush per frame): the figures are then not comparable with earlier
 * runs, which is why the first fallback is logged at WARNING and every one is counted in
 * {@link #fallbacks()}, which a report should show beside its figures.
 */
public final class VertxInternals {

    private static final System.Logger LOG = System.getLogger(VertxInternals.class.getName());
    private static final AtomicLong FALLBACKS = new AtomicLong();
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final boolean FRAMES = probeFrames();

    private VertxInternals() {
    }

    /** How many times since the start the bench used public API because Vert.x's internals failed it. */
    public static long fallbacks() {
        return FALLBACKS.get();
    }

    /** Runs tasks on one context's thread and schedules them there. */
    public interface Loop {
        void execute(Runnable task);

        /** Runs {@code task} after {@code nanos}; the returned action cancels it if it has not run. */
        Runnable schedule(Runnable task, long nanos);
    }

    /** The event loop of {@code context}: Netty's own (nanosecond timers), else Vert.x timers (milliseconds). */
    public static Loop loop(Context context) {
        try {
            return Internal.loop(context);
        } catch (LinkageError | ClassCastException e) {
            fellBack("a context's event loop (using Vert.x timers, 1 ms resolution)", e);
            Vertx vertx = context.owner();
            return new Loop() {
                @Override
                public void execute(Runnable task) {
                    context.runOnContext(v -> task.run());
                }

                @Override
                public Runnable schedule(Runnable task, long nanos) {
                    long timer = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)), t -> task.run());
                    return () -> vertx.cancelTimer(timer);
                }
            };
        }
    }

    /** Writes {@code payload} as one final frame, binary or text, without copying it where the internals allow. */
    public static void writeFinalFrame(WebSocket ws, Buffer payload, boolean binary) {
        if (FRAMES) {
            Internal.writeFinalFrame(ws, payload, binary);
        } else {
            ws.writeFrame(binary ? WebSocketFrame.binaryFrame(payload, true)
                    : WebSocketFrame.textFrame(payload.toString(StandardCharsets.UTF_8), true));
        }
    }

    /**
     * The pipeline context of Vert.x's handler on {@code connection}, where frames can be written
     * straight into Netty; null when the connection is not the kind expected (then write through
     * Vert.x).
     */
    public static ChannelHandlerContext channel(HttpConnection connection) {
        try {
            ChannelHandlerContext netty = Internal.channel(connection);
            if (netty == null) {
                fellBack("a connection's pipeline (unexpected connection "
                        + (connection == null ? null : connection.getClass().getName()) + ")", null);
            }
            return netty;
        } catch (LinkageError e) {
            fellBack("a connection's pipeline", e);
            return null;
        }
    }

    private static boolean probeFrames() {
        try {
            Internal.frame(Buffer.buffer(), true);
            return true;
        } catch (LinkageError e) {
            fellBack("frames written without a copy (using WebSocketFrame's factories)", e);
            return false;
        }
    }

    private static void fellBack(String what, Throwable e) {
        FALLBACKS.incrementAndGet();
        String why = e == null ? "" : ": " + e;
        if (WARNED.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Vert.x internals unavailable for " + what + why
                    + "; the bench falls back to public API and its figures are not comparable (counted, logged once)");
        } else {
            LOG.log(Level.DEBUG, "Vert.x internals unavailable for {0}{1}", what, why);
        }
    }

    /** Loaded only when first used, so that missing internals fail there and not in the outer class. */
    private static final class Internal {

        static Loop loop(Context context) {
            EventLoop loop = ((ContextInternal) context).nettyEventLoop();
            return new Loop() {
                @Override
                public void execute(Runnable task) {
                    loop.execute(task);
                }

                @Override
                public Runnable schedule(Runnable task, long nanos) {
                    ScheduledFuture<?> next = loop.schedule(task, nanos, TimeUnit.NANOSECONDS);
                    return () -> next.cancel(false);
                }
            };
        }

        static WebSocketFrame frame(Buffer payload, boolean binary) {
            return new WebSocketFrameImpl(binary ? WebSocketFrameType.BINARY : WebSocketFrameType.TEXT, payload.getByteBuf(), true);
        }

        static void writeFinalFrame(WebSocket ws, Buffer payload, boolean binary) {
            ws.writeFrame(frame(payload, binary));
        }

        static ChannelHandlerContext channel(HttpConnection connection) {
            return connection instanceof ConnectionBase base ? base.channelHandlerContext() : null;
        }
    }
}
