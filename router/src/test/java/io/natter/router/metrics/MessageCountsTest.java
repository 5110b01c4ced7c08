package io.natter.router.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class MessageCountsTest {

    private static final int EVENT = 36;

    private final MessageCounts counts = new MessageCounts(70);
    private final ThreadFactory eventLoops = new DefaultThreadFactory("counts-test");

    @Test
    void eventLoopThreadsAndOtherThreadsAddUpByKey() throws InterruptedException {
        Thread loop = eventLoops.newThread(() -> repeat(1_000, () -> counts.increment(EVENT)));
        assertThat(loop).isInstanceOf(FastThreadLocalThread.class);
        loop.start();
        loop.join();
        repeat(500, () -> counts.increment(EVENT));
        counts.increment(EVENT + 1);

        assertThat(counts.sum(EVENT)).isEqualTo(1_500);
        assertThat(counts.sum(EVENT + 1)).isEqualTo(1);
        assertThat(counts.sum(0)).isZero();
    }

    @Test
    void aLiveThreadsCountsAreSeenAndKeptWhenItEnds() throws InterruptedException {
        CountDownLatch counted = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        Thread loop = eventLoops.newThread(() -> {
            repeat(100, () -> counts.increment(EVENT));
            counted.countDown();
            await(end);
        });
        loop.start();
        counted.await();
        assertThat(counts.sum(EVENT)).isEqualTo(100);

        end.countDown();
        loop.join();
        assertThat(counts.sum(EVENT)).isEqualTo(100);
    }

    @Test
    void concurrentCountersLoseNothing() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            threads.add(eventLoops.newThread(() -> repeat(100_000, () -> counts.increment(EVENT))));
            threads.add(new Thread(() -> repeat(100_000, () -> counts.increment(EVENT))));
        }
        threads.forEach(Thread::start);
        long seen = 0;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            long now = counts.sum(EVENT);
            assertThat(now).as("a count never goes back").isGreaterThanOrEqualTo(seen);
            seen = now;
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(counts.sum(EVENT)).isEqualTo(600_000);
    }

    private static void repeat(int times, Runnable action) {
        for (int i = 0; i < times; i++) {
            action.run();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
