package io.natter.router.metrics;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Monotonic counts by a small integer key (a WAMP message code), counted without an atomic
 * instruction on the router's event loops.
 *
 * <p>Every EVENT of a fan-out is counted, so on 1 → 10 pub/sub a {@link LongAdder} (a CAS on each
 * count) was about 3% of the router's CPU. Each Netty thread ({@link FastThreadLocalThread}: the
 * event loops) counts in its own row of plain slots that only it writes; other threads (workers,
 * tests) count in shared {@link LongAdder}s. {@link #sum} adds up the rows, so it may miss the
 * last few counts of a thread for a moment but never goes back: a row whose thread ends is folded
 * into the shared counts under the same lock that {@link #sum} holds.
 *
 * <p>Thread-safe.
 */
final class MessageCounts {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final LongAdder[] shared;
    // Guarded by this.
    private final List<long[]> rows = new ArrayList<>();
    private final FastThreadLocal<long[]> own = new FastThreadLocal<>() {
        @Override
        protected long[] initialValue() {
            long[] row = new long[shared.length];
            synchronized (MessageCounts.this) {
                rows.add(row);
            }
            return row;
        }

        @Override
        protected void onRemoval(long[] row) {
            retire(row);
        }
    };

    /** Counts for the keys 0 to {@code maxKey}. */
    MessageCounts(int maxKey) {
        shared = new LongAdder[maxKey + 1];
        for (int i = 0; i < shared.length; i++) {
            shared[i] = new LongAdder();
        }
    }

    /** Adds one to {@code key}'s count. */
    void increment(int key) {
        if (Thread.currentThread() instanceof FastThreadLocalThread) {
            long[] row = own.get();
            SLOT.setOpaque(row, key, (long) SLOT.getOpaque(row, key) + 1);
        } else {
            shared[key].increment();
        }
    }

    /** {@code key}'s count so far. */
    synchronized long sum(int key) {
        long sum = shared[key].sum();
        for (long[] row : rows) {
            sum += (long) SLOT.getOpaque(row, key);
        }
        return sum;
    }

    // The thread of row is ending (its last count is written): its counts move to the shared ones.
    private synchronized void retire(long[] row) {
        for (int key = 0; key < row.length; key++) {
            shared[key].add((long) SLOT.getOpaque(row, key));
        }
        rows.remove(row);
    }
}
