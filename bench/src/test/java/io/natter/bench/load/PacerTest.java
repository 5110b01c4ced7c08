package io.natter.bench.load;

import io.vertx.core.Vertx;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The pacer sends each message once its intended time has come: never before, and not a period after. */
class PacerTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aMessageWhoseTimeHasComeLeavesAtOnceNotAPeriodLater() throws Exception {
        // One message a minute: the first is due at the start. A pacer that waited for a whole
        // period before sending what is due would send nothing in this test's lifetime.
        CountDownLatch first = new CountDownLatch(1);
        Recorder lag = new Recorder(3);
        Pacer pacer = new Pacer(vertx.getOrCreateContext(), 1.0 / 60, intended -> first.countDown(), lag);
        pacer.start();
        try {
            assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pacer.stop().get(5, TimeUnit.SECONDS);
        }
        assertThat(lag.getIntervalHistogram().getTotalCount()).isEqualTo(1);
    }

    @Test
    void sendsAreNeverEarlyEvenlySpacedAndEachOneIsInTheLagHistogram() throws Exception {
        double perSecond = 2_000;
        List<long[]> sends = new CopyOnWriteArrayList<>();
        CountDownLatch enough = new CountDownLatch(200);
        Recorder lag = new Recorder(3);
        Pacer pacer = new Pacer(vertx.getOrCreateContext(), perSecond, intended -> {
            sends.add(new long[] {intended, System.nanoTime()});
            enough.countDown();
        }, lag);
        pacer.start();
        try {
            assertThat(enough.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pacer.stop().get(5, TimeUnit.SECONDS);
        }
        Histogram h = lag.getIntervalHistogram();
        List<long[]> seen = List.copyOf(sends);
        assertThat(h.getTotalCount()).isGreaterThanOrEqualTo(seen.size());
        long spacing = (long) (1e9 / perSecond);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)[1]).as("send %d left before its intended time", i).isGreaterThanOrEqualTo(seen.get(i)[0]);
            if (i > 0) {
                assertThat(seen.get(i)[0] - seen.get(i - 1)[0]).isBetween(spacing - 1, spacing + 1);
            }
        }
    }

    @Test
    void pacersGivenOneOriginAndSpreadOffsetsSendOneEvenlySpacedStream() throws Exception {
        // Four callers at 500/s each: together one call every 500 µs, never four in the same instant.
        int callers = 4;
        double each = 500;
        List<List<long[]>> sends = new java.util.ArrayList<>();
        CountDownLatch enough = new CountDownLatch(100);
        Recorder lag = new Recorder(3);
        List<Pacer> pacers = new java.util.ArrayList<>();
        for (int k = 0; k < callers; k++) {
            List<long[]> mine = new CopyOnWriteArrayList<>();
            sends.add(mine);
            pacers.add(new Pacer(vertx.getOrCreateContext(), each, t -> {
                mine.add(new long[] {t, System.nanoTime()});
                enough.countDown();
            }, lag));
        }
        long origin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (int k = 0; k < callers; k++) {
            pacers.get(k).start(origin + pacers.get(k).periodNanos() * k / callers);
        }
        try {
            assertThat(enough.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            for (Pacer p : pacers) {
                p.stop().get(5, TimeUnit.SECONDS);
            }
        }
        // Up to the last time every pacer has reached, the intended times merge into one stream.
        long reached = Long.MAX_VALUE;
        List<Long> times = new java.util.ArrayList<>();
        for (List<long[]> mine : sends) {
            assertThat(mine).isNotEmpty();
            reached = Math.min(reached, mine.get(mine.size() - 1)[0]);
            for (long[] s : mine) {
                assertThat(s[1]).as("a send left before its intended time").isGreaterThanOrEqualTo(s[0]);
                times.add(s[0]);
            }
        }
        long last = reached;
        List<Long> merged = times.stream().filter(t -> t <= last).sorted().toList();
        assertThat(merged.size()).isGreaterThan(50);
        assertThat(merged.get(0)).isEqualTo(origin);
        long spacing = (long) (1e9 / each / callers);
        for (int i = 1; i < merged.size(); i++) {
            assertThat(merged.get(i) - merged.get(i - 1)).as("gap before intended time %d", i).isBetween(spacing - 2, spacing + 2);
        }
    }
}
