package io.natter.bench.load;

import io.natter.bench.measure.Proc;
import io.natter.bench.measure.Snapshot;
import io.natter.bench.measure.Window;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What every scenario run needs: the generator, where the target listens, how to read the
 * target's and the generator's CPU, how many cores each may use, and how long to warm up and
 * measure.
 *
 * @param generator     the generator's sockets
 * @param endpoint      the target
 * @param server        the target's process (null when it runs inside this JVM, e.g. in tests)
 * @param self          this process
 * @param serverCpus    cores the target may use
 * @param generatorCpus cores the generator may use
 * @param warmup        time run before each measured window
 * @param measure       length of each measured window
 * @param settles       whether each load waits for the server to be quiet first ({@link #settle()});
 *                      not while warming up, where compiling under load is the point
 * @param pacerThread   what each pacer's thread runs before its first send (the diagnostics' timer
 *                      slack; nothing by default)
 */
public record Setup(Generator generator, Endpoint endpoint, Proc server, Proc self, int serverCpus, int generatorCpus,
                    Duration warmup, Duration measure, boolean settles, Runnable pacerThread) {

    /** A setup whose pacers' threads run nothing special. */
    public Setup(Generator generator, Endpoint endpoint, Proc server, Proc self, int serverCpus, int generatorCpus,
                 Duration warmup, Duration measure, boolean settles) {
        this(generator, endpoint, server, self, serverCpus, generatorCpus, warmup, measure, settles, () -> { });
    }

    /** A server below this share of a core over {@link #SETTLE_STEP} counts as quiet. */
    static final double QUIET = 0.05;
    static final Duration SETTLE_STEP = Duration.ofMillis(30);
    static final Duration SETTLE_MAX = Duration.ofSeconds(1);

    /**
     * Waits, up to {@link #SETTLE_MAX}, until the server has been quiet and this generator's JIT
     * idle for one {@link #SETTLE_STEP}. Between configurations a
     * JVM server keeps compiling what the last load or the joins just made hot, on the same core
     * as its event loop, and so does the generator on its own core (its sends then leave late);
     * the next load starts on an idle server and a settled generator, whatever the server runs on.
     */
    public void settle() {
        if (server == null || !settles) {
            return;
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        long deadline = start + SETTLE_MAX.toNanos();
        long before = server.runNanos();
        long compiledBefore = jit.getTotalCompilationTime();
        while (before >= 0 && System.nanoTime() < deadline) {
            sleep(SETTLE_STEP);
            long now = server.runNanos();
            long compiled = jit.getTotalCompilationTime();
            if (now - before < QUIET * SETTLE_STEP.toNanos() && compiled == compiledBefore) {
                break;
            }
            before = now;
            compiledBefore = compiled;
        }
        SETTLED_NANOS.addAndGet(System.nanoTime() - start);
    }

    /** Time spent in {@link #settle()} since the process started, over every setup (for the run's log). */
    public static Duration settled() {
        return Duration.ofNanos(SETTLED_NANOS.get());
    }

    private static final java.util.concurrent.atomic.AtomicLong SETTLED_NANOS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * One measured window of a load that is already running: waits out {@link #warmup}, runs
     * {@code atStart} (e.g. to empty histograms), then counts {@code done} and the CPU of server
     * and generator over {@link #measure}.
     */
    public Window window(LongSupplier done, Runnable atStart) {
        return window(done, atStart, measure);
    }

    /** {@link #window(LongSupplier, Runnable)} measuring for {@code length} instead of {@link #measure}. */
    public Window window(LongSupplier done, Runnable atStart, Duration length) {
        sleep(warmup);
        atStart.run();
        Snapshot a = Snapshot.take(done.getAsLong(), server, self);
        sleep(length);
        Snapshot b = Snapshot.take(done.getAsLong(), server, self);
        return Window.between(a, b);
    }

    /** {@link #window(LongSupplier, Runnable)} with nothing to do at the start. */
    public Window window(LongSupplier done) {
        return window(done, () -> { });
    }

    /** Sleeps without letting an interrupt go unnoticed. */
    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
