package io.natter.router.transport;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps one connection's writes in the order they were made, whichever threads make them.
 *
 * <p>A write from a thread that is not the connection's event loop becomes a task on that loop; a
 * write from the loop itself could run at once. Netty keeps order per calling thread only, so a
 * write made on the loop (say, the EVENT of a publisher whose socket lives there) overtook a write
 * made earlier on another loop that was still waiting in the task queue (the EVENT of a publisher
 * on that other loop, already acknowledged to its publisher): a subscriber saw a reply before the
 * message it answered. Here a write on the loop runs at once only when no write of this connection
 * is waiting in the loop's queue; otherwise it queues behind them.
 *
 * <p>Cost: one atomic read per write on the loop, an increment and a decrement per write from
 * elsewhere (which Netty would have queued as a task anyway).
 */
final class LoopOrder {

    private final EventExecutor loop;
    private final AtomicInteger queued = new AtomicInteger();

    LoopOrder(EventExecutor loop) {
        this.loop = loop;
    }

    /** Runs {@code write} on the loop, after every write handed here before it. */
    void run(Runnable write) {
        if (queued.get() == 0 && loop.inEventLoop()) {
            write.run();
            return;
        }
        queued.incrementAndGet();
        loop.execute(() -> {
            try {
                write.run();
            } finally {
                queued.decrementAndGet();
            }
        });
    }
}
