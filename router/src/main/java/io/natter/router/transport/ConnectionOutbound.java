package io.natter.router.transport;

import io.natter.router.config.RouterConfig;
import io.natter.router.observability.RouterMetrics;
import io.natter.router.session.Outbound;
import io.natter.router.session.OutgoingMessage;
import io.natter.wamp.message.Message;
import io.natter.wamp.serialization.Serializer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded outbound queue of one WebSocket connection (any transport, through its
 * {@link FrameSink}). Each message is written at once (Vert.x keeps the write order of calls);
 * what counts is what has been handed to the socket but not yet written: each write releases its
 * bytes when it completes. When a
 * peer stops reading, writes stop completing, and past {@code max-queued-messages} or
 * {@code max-queued-bytes} the overflow handler disconnects it instead of letting the heap grow.
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
    private final AtomicInteger queuedMessages = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Executor later;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private volatile Runnable overflowHandler = () -> { };

    ConnectionOutbound(FrameSink connection, Serializer serializer, RouterConfig.OutboundQueue limits, RouterMetrics metrics,
            Executor later) {
        this.connection = connection;
        this.serializer = serializer;
        this.metrics = metrics;
        this.later = later;
        this.maxMessages = limits.maxQueuedMessages();
        this.maxBytes = limits.maxQueuedBytes();
    }

    /** What to do when the queue overflows (called once, asynchronously). */
    void onOverflow(Runnable handler) {
        this.overflowHandler = handler;
    }

    @Override
    public void send(OutgoingMessage message) {
        if (closed.get() || overflowed.get()) {
            return;
        }
        OutgoingMessage.Frame frame = message.frame(serializer);
        int messages = queuedMessages.incrementAndGet();
        long bytes = queuedBytes.addAndGet(frame.size());
        if (messages > maxMessages || bytes > maxBytes) {
            release(frame.size());
            if (overflowed.compareAndSet(false, true)) {
                later.execute(overflowHandler);
            }
            return;
        }
        metrics.sent(message.message());
        connection.write(frame.bytes(), frame.binary(), () -> release(frame.size()));
    }

    @Override
    public void close(Message last, int code, String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (last != null && connection.isOpen()) {
            metrics.sent(last);
            OutgoingMessage.Frame frame = OutgoingMessage.of(last).frame(serializer);
            connection.write(frame.bytes(), frame.binary(), () -> { });
        }
        connection.close(code, reason);
    }

    /** Messages queued but not yet written. */
    int queuedMessages() {
        return queuedMessages.get();
    }

    /** Bytes queued but not yet written. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    private void release(int size) {
        queuedMessages.decrementAndGet();
        queuedBytes.addAndGet(-size);
    }
}
