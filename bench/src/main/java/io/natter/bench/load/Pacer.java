package io.natter.bench.load;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.impl.ContextInternal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Sends at a fixed rate from a socket's event loop (open loop: sends do not wait for answers).
 *
 * <p>Each send gets its <em>intended</em> time, {@code start + i / rate}, which the caller puts in
 * the message: latency measured from it includes any delay of the generator itself, so a
 * stalled generator cannot hide queueing (no coordinated omission). The loop wakes at most every
 * {@link #MIN_PERIOD_NANOS} and sends what is due, so at high rates sends go out in small bursts.
 */
public final class Pacer {

    /** Shortest wake-up period: 100 µs (at most 10k wake-ups a second). */
    public static final long MIN_PERIOD_NANOS = 100_000;

    private final EventLoop loop;
    private final double perSecond;
    private final LongConsumer send;
    private final long period;
    private long start;
    private long sent;
    private volatile boolean running;
    private ScheduledFuture<?> next;

    /** A pacer sending {@code perSecond} messages a second by calling {@code send} with the intended time. */
    public Pacer(Context context, double perSecond, LongConsumer send) {
        this.loop = ((ContextInternal) context).nettyEventLoop();
        this.perSecond = perSecond;
        this.send = send;
        this.period = Math.max(MIN_PERIOD_NANOS, (long) (1e9 / perSecond));
    }

    /** Starts sending. */
    public void start() {
        running = true;
        loop.execute(() -> {
            start = System.nanoTime();
            tick();
        });
    }

    /** Stops after the current tick. */
    public void stop() {
        running = false;
        loop.execute(() -> {
            if (next != null) {
                next.cancel(false);
            }
        });
    }

    private void tick() {
        if (!running) {
            return;
        }
        long now = System.nanoTime();
        long due = (long) ((now - start) * perSecond / 1e9);
        while (sent < due) {
            send.accept(start + (long) (sent * 1e9 / perSecond));
            sent++;
        }
        next = loop.schedule(this::tick, period, TimeUnit.NANOSECONDS);
    }
}
