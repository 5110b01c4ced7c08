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
}
