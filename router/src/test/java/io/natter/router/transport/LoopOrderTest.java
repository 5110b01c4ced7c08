package io.natter.router.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopOrderTest {

    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final List<String> written = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /**
     * The case that reordered events: while the loop is busy (reading a publisher's frame), another
     * thread writes e1, which must wait in the loop's queue; then the loop itself writes e2. e2 must
     * not overtake e1.
     */
    @Test
    void aWriteOnTheLoopWaitsForEarlierWritesFromOtherThreads() throws Exception {
        LoopOrder order = new LoopOrder(loop);
        CountDownLatch e1Handed = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                assertThat(e1Handed.await(5, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            order.run(() -> written.add("e2"));
            // Queued after whatever e2's write queued: the test thread's own execute could land
            // between e1's task and e2's and check too early.
            loop.execute(done::countDown);
        });
        Thread other = new Thread(() -> {
            order.run(() -> written.add("e1"));
            e1Handed.countDown();
        });
        other.start();
        other.join();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(written).containsExactly("e1", "e2");
    }

    @Test
    void aWriteOnTheLoopWithNothingQueuedRunsAtOnce() throws Exception {
        LoopOrder order = new LoopOrder(loop);
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            order.run(() -> written.add("now"));
            written.add("after the call");
            done.countDown();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(written).containsExactly("now", "after the call");
    }

    @Test
    void writesFromManyThreadsKeepEachThreadsOrder() throws Exception {
        LoopOrder order = new LoopOrder(loop);
        int threads = 4;
        int each = 2000;
        CountDownLatch finished = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int id = t;
            new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    int n = i;
                    order.run(() -> written.add(id + ":" + n));
                }
                finished.countDown();
            }).start();
        }
        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        CountDownLatch drained = new CountDownLatch(1);
        loop.execute(drained::countDown);
        assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(written).hasSize(threads * each);
        for (int t = 0; t < threads; t++) {
            String prefix = t + ":";
            List<Integer> mine = written.stream().filter(w -> w.startsWith(prefix))
                    .map(w -> Integer.parseInt(w.substring(prefix.length()))).toList();
            assertThat(mine).isSorted();
        }
    }
}
