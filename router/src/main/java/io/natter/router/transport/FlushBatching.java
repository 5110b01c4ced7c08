package io.natter.router.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One flush per event-loop turn for a WebSocket's writes, instead of one per frame.
 *
 * <p>Vert.x flushes every frame written to a connection that is not reading at that moment, so
 * on fan-out each EVENT costs its receiver's socket a {@code write} system call of its own, even
 * when the same turn of the event loop writes that socket several EVENTs (one per PUBLISH in the
 * publisher's read batch). Netty's {@link FlushConsolidationHandler}, placed between Vert.x's
 * handler and the WebSocket encoder, turns those flushes into one at the end of the turn, or
 * after {@link #MAX_FLUSHES_PER_BATCH} of them, whichever comes first. Writes and their order are
 * unchanged; a write completes when its batch is flushed, and closing flushes what is pending.
 *
 * <p>It also takes out the HTTP server's idle-timeout handler ({@code quarkus.http.idle-timeout}),
 * which put a listener on every write's promise to note the time (about a tenth of the CPU on
 * fan-out): once upgraded, a WebSocket's liveness is the WAMP heartbeat's job (auto-ping with its
 * timeout, and the HELLO deadline before a session exists), on every transport.
 *
 * <p>This reaches under Vert.x's public API (the connection's Netty pipeline): if the connection
 * is not the kind expected, nothing is installed and frames are flushed one by one as before.
 */
final class FlushBatching {

    /** At most this many flushes are held back before one goes out. */
    static final int MAX_FLUSHES_PER_BATCH = 64;

    static final String HANDLER_NAME = "natter-flush-batching";

    private static final AtomicLong INSTALLED = new AtomicLong();

    private FlushBatching() {
    }

    /**
     * Installs the batching on {@code connection}'s pipeline (unless {@code batch} is false:
     * {@code natter.router.flush-batching}) and returns the context of Vert.x's
     * handler there, where {@link WampSocket} writes its frames; null if the connection is not the
     * kind expected. Call it on the connection's event loop.
     */
    static ChannelHandlerContext install(HttpConnection connection, boolean batch) {
        ChannelHandlerContext vertx = VertxInternals.handlerContext(connection);
        if (vertx == null) {
            return null;
        }
        if (batch) {
            installBefore(vertx);
        } else {
            dropIdleHandler(vertx);
        }
        return vertx;
    }

    /** Installs the batching just before {@code writer}, the handler whose writes are to be batched. */
    static void installBefore(ChannelHandlerContext writer) {
        dropIdleHandler(writer);
        if (writer.pipeline().get(HANDLER_NAME) == null) {
            writer.pipeline().addBefore(writer.name(), HANDLER_NAME, new FlushConsolidationHandler(MAX_FLUSHES_PER_BATCH, true));
            INSTALLED.incrementAndGet();
        }
    }

    private static void dropIdleHandler(ChannelHandlerContext writer) {
        if (writer.pipeline().get(IdleStateHandler.class) != null) {
            writer.pipeline().remove(IdleStateHandler.class);
        }
    }

    /** How many connections got the batching since the start (for tests). */
    static long installed() {
        return INSTALLED.get();
    }
}
