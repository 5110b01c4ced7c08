package io.natter.bench.load;

import io.natter.bench.vertx.VertxInternals;
import io.vertx.core.Context;
import org.HdrHistogram.Recorder;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Sends at a fixed rate from a socket's event loop (open loop: sends do not wait for answers).
 *
 * <p>Each send gets its <em>intended</em> time, {@code start + i / rate}, which the caller puts in
 * the message: latency measured from it includes any delay of the generator itself, so a
 * stalled generator cannot hide queueing (no coordinated omission). Each message goes out at the
 * first wake-up at or after its intended time; the loop wakes at the next intended time but at most
 * every {@link #MIN_PERIOD_NANOS}, so at high rates sends go out in small bursts. How late each
 * send left (timer lateness, a busy loop, bursts) is recorded, so a report can say how much of
 * a latency was the generator's.
 *
 * <p>Several pacers at the same rate (callers of one RPC run) are given a common origin and
 * offsets spread over one period ({@link #start(long)}), so that together they send one evenly
 * spaced stream: started at the same instant, they would all send in the same wake-up, a burst
 * of N calls each period, and the last call of every burst would queue behind the other N - 1.
 */
public final class Pacer {

    /** Shortest wake-up period: 100 µs (at most 10k wake-ups a second). */
    public static final long MIN_PERIOD_NANOS = 100_000;

    private final VertxInternals.Loop loop;
    private final double perSecond;
    private final LongConsumer send;
    private final Recorder lag;
    private final Runnable onThread;
    private long start;
    private long sent;
    private volatile boolean running;
    private Runnable cancelNext;

    /**
     * A pacer sending {@code perSecond} messages a second by calling {@code send} with the intended
     * time, and recording into {@code lag} how late each send went out (ns after its intended time).
     */
    public Pacer(Context context, double perSecond, LongConsumer send, Recorder lag) {
        this(context, perSecond, send, lag, () -> { });
    }

    /** {@link #Pacer(Context, double, LongConsumer, Recorder)}, running {@code onThread} on its thread before the first send. */
    public Pacer(Context context, double perSecond, LongConsumer send, Recorder lag, Runnable onThread) {
        this.loop = VertxInternals.loop(context);
        this.perSecond = perSecond;
        this.send = send;
        this.lag = lag;
        this.onThread = onThread;
    }

    /** Starts sending; the first message is due now. */
    public void start() {
        start(System.nanoTime());
    }

    /**
     * Starts sending; the first message is due at {@code origin} ({@link System#nanoTime()} time),
     * the next ones every period after it.
     */
    public void start(long origin) {
        running = true;
        loop.execute(() -> {
            onThread.run();
            start = origin;
            tick();
        });
    }

    /** The period between two sends, in nanoseconds. */
    public long periodNanos() {
        return (long) (1e9 / perSecond);
    }

    /** Stops after the current tick; the future completes once no send can follow. */
    public Future<?> stop() {
        running = false;
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        loop.execute(() -> {
            if (cancelNext != null) {
                cancelNext.run();
            }
            stopped.complete(null);
        });
        return stopped;
    }

    private void tick() {
        if (!running) {
            return;
        }
        // Every message whose intended time has come goes now; the next wake-up is at the next
        // intended time (no sooner than MIN_PERIOD_NANOS from now), so a message waits only for
        // the timer's own lateness, which the lag histogram shows.
        long now = System.nanoTime();
        for (long intended = intended(sent); intended <= now; intended = intended(++sent)) {
            send.accept(intended);
            lag.recordValue(Math.max(0, System.nanoTime() - intended));
        }
        long wait = Math.max(MIN_PERIOD_NANOS, intended(sent) - System.nanoTime());
        cancelNext = loop.schedule(this::tick, wait);
    }

    private long intended(long i) {
        return start + (long) (i * 1e9 / perSecond);
    }
}
