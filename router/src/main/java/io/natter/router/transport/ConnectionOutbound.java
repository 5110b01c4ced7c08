package io.natter.router.transport;

import io.natter.router.config.RouterConfig;
import io.natter.router.metrics.RouterMetrics;
import io.natter.router.outbound.Outbound;
import io.natter.router.outbound.OutgoingMessage;
import io.natter.wamp.message.Message;
import io.natter.wamp.serialization.Serializer;
import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;

/**
 * The bounded outbound queue of one WebSocket connection (any transport, through its
 * {@link FrameSink}). Each message is written at once (Vert.x keeps the write order of calls);
 * what counts is what has been handed to the socket but not yet written. When a peer stops
 * reading, writes stop completing, and past {@code max-queued-messages} or
 * {@code max-queued-bytes} the overflow handler disconnects it instead of letting the heap grow.
 *
 * <p>Tracked writes: listening for the completion of every write cost about a tenth of the
 * router's CPU on fan-out (a Vert.x future listener per frame). Since one socket's writes complete
 * in the order they were made, the completion of one write also says that every earlier write is
 * done; so only every {@link #TRACK_EVERY}th write, or the first after {@link #TRACK_BYTES}, is
 * tracked (more often when the limits are small: at least four tracked writes fit in each).
 * What is counted as queued may thus include up to that many writes that are in fact done, until
 * the next tracked write completes: the count errs on the side of more, and a peer that reads is
 * never taken for one that does not, as long as the limits are not below a quarter of that.
 *
 * <p>Thread-safe: the broker on any event loop may send to any session. The overflow handler runs
 * on {@code later}, never inside {@code send}: a sender may hold the realm lock, and tearing a
 * session down from there would change realm state under the sender's feet.
 */
final class ConnectionOutbound implements Outbound {

    private final FrameSink connection;
    private final Serializer serializer;
    private final RouterMetrics metrics;
    private final int maxMessages;
    private final long maxBytes;
    /** At least every this many writes, or after this many bytes, one is tracked to its completion. */
    static final int TRACK_EVERY = 32;
    static final long TRACK_BYTES = 64 * 1024;

    private static final VarHandle HANDED_MESSAGES;
    private static final VarHandle HANDED_BYTES;
    private static final VarHandle WRITTEN_MESSAGES;
    private static final VarHandle WRITTEN_BYTES;
    private static final VarHandle CLOSED;
    private static final VarHandle OVERFLOWED;

    static {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            HANDED_MESSAGES = lookup.findVarHandle(ConnectionOutbound.class, "handedMessages", long.class);
            HANDED_BYTES = lookup.findVarHandle(ConnectionOutbound.class, "handedBytes", long.class);
            WRITTEN_MESSAGES = lookup.findVarHandle(ConnectionOutbound.class, "writtenMessages", long.class);
            WRITTEN_BYTES = lookup.findVarHandle(ConnectionOutbound.class, "writtenBytes", long.class);
            CLOSED = lookup.findVarHandle(ConnectionOutbound.class, "closed", boolean.class);
            OVERFLOWED = lookup.findVarHandle(ConnectionOutbound.class, "overflowed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // The counters are fields of this object, not Atomic* objects of their own: on fan-out to a
    // thousand sockets each separate object was one more cache line to miss per receiver.
    private volatile long handedMessages;
    private volatile long handedBytes;
    private volatile long writtenMessages;
    private volatile long writtenBytes;
    private volatile long trackedMessages;
    private volatile long trackedBytes;
    private volatile boolean closed;
    private volatile boolean overflowed;
    private final int trackEvery;
    private final long trackBytes;
    private final Executor later;
    private volatile Runnable overflowHandler = () -> { };

    ConnectionOutbound(FrameSink connection, Serializer serializer, RouterConfig.OutboundQueue limits, RouterMetrics metrics,
            Executor later) {
        this.connection = connection;
        this.serializer = serializer;
        this.metrics = metrics;
        this.later = later;
        this.maxMessages = limits.maxQueuedMessages();
        this.maxBytes = limits.maxQueuedBytes();
        this.trackEvery = (int) Math.max(1, Math.min(TRACK_EVERY, maxMessages / 4));
        this.trackBytes = Math.max(1, Math.min(TRACK_BYTES, maxBytes / 4));
    }

    /** What to do when the queue overflows (called once, asynchronously). */
    void onOverflow(Runnable handler) {
        this.overflowHandler = handler;
    }

    @Override
    public void send(OutgoingMessage message) {
        if (closed || overflowed) {
            return;
        }
        OutgoingMessage.Frame frame = message.frame(serializer);
        long messages = (long) HANDED_MESSAGES.getAndAdd(this, 1L) + 1;
        long bytes = (long) HANDED_BYTES.getAndAdd(this, (long) frame.size()) + frame.size();
        if (messages - writtenMessages > maxMessages || bytes - writtenBytes > maxBytes) {
            HANDED_MESSAGES.getAndAdd(this, -1L);
            HANDED_BYTES.getAndAdd(this, (long) -frame.size());
            if (OVERFLOWED.compareAndSet(this, false, true)) {
                later.execute(overflowHandler);
            }
            return;
        }
        metrics.sent(message.message(), message.code());
        boolean track = messages - trackedMessages >= trackEvery || bytes - trackedBytes >= trackBytes;
        if (track) {
            trackedMessages = messages;
            trackedBytes = bytes;
        }
        Runnable written = track ? () -> written(messages, bytes) : null;
        ByteBuf direct = message.retainedDirect(serializer);
        if (direct != null) {
            connection.write(direct, frame.binary(), written);
        } else {
            connection.write(frame.bytes(), frame.binary(), written);
        }
    }

    /**
     * Answers a peer's ping: the pong counts against the same bounds as every message (one
     * message, its payload plus the two-byte frame header), so a peer that pings and never reads
     * overflows the queue and is dropped. Takes {@code payload} over.
     */
    void pong(ByteBuf payload) {
        int size = payload.readableBytes() + 2;
        if (closed || overflowed) {
            payload.release();
            return;
        }
        long messages = (long) HANDED_MESSAGES.getAndAdd(this, 1L) + 1;
        long bytes = (long) HANDED_BYTES.getAndAdd(this, (long) size) + size;
        if (messages - writtenMessages > maxMessages || bytes - writtenBytes > maxBytes) {
            HANDED_MESSAGES.getAndAdd(this, -1L);
            HANDED_BYTES.getAndAdd(this, (long) -size);
            payload.release();
            if (OVERFLOWED.compareAndSet(this, false, true)) {
                later.execute(overflowHandler);
            }
            return;
        }
        boolean track = messages - trackedMessages >= trackEvery || bytes - trackedBytes >= trackBytes;
        if (track) {
            trackedMessages = messages;
            trackedBytes = bytes;
        }
        connection.pong(payload, track ? () -> written(messages, bytes) : null);
    }

    @Override
    public void close(Message last, int code, String reason) {
        if (!CLOSED.compareAndSet(this, false, true)) {
            return;
        }
        if (last != null && connection.isOpen()) {
            metrics.sent(last);
            OutgoingMessage.Frame frame = OutgoingMessage.of(last).frame(serializer);
            connection.write(frame.bytes(), frame.binary(), null);
        }
        connection.close(code, reason);
    }

    /** Messages handed to the socket and not known to be written. */
    long queuedMessages() {
        return handedMessages - writtenMessages;
    }

    /** Bytes handed to the socket and not known to be written. */
    long queuedBytes() {
        return handedBytes - writtenBytes;
    }

    // A tracked write completed: it and every write before it are done.
    private void written(long messages, long bytes) {
        raise(WRITTEN_MESSAGES, messages);
        raise(WRITTEN_BYTES, bytes);
    }

    // Sets a monotonic counter to value unless it is already higher.
    private void raise(VarHandle counter, long value) {
        long now = (long) counter.getVolatile(this);
        while (now < value && !counter.compareAndSet(this, now, value)) {
            now = (long) counter.getVolatile(this);
        }
    }
}
