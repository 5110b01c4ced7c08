package io.natter.bench.stack;

import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The open-loop pacer of the whole-stack benches: message {@code first + i} is due at
 * {@code start + i / rate} and latency counts from that intended time, so a generator that falls
 * behind cannot hide queueing (its own lateness goes into {@code sendLate}).
 */
final class OpenLoop {

    /** Sends message {@code index}; may throw what the transport throws. */
    interface Send<E extends Exception> {
        void send(int index) throws E;
    }

    private OpenLoop() {
    }

    /**
     * Sends {@code rate} messages a second for {@code seconds}, recording each one's intended time in
     * {@code intended} and its phase in {@code phaseOf} (-1: warm-up, with {@code sendLate} null);
     * returns the next index.
     */
    static <E extends Exception> int pace(int rate, int seconds, int first, long[] intended, int[] phaseOf,
            int phaseIndex, Histogram sendLate, Send<E> send) throws E {
        int n = rate * seconds;
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 5_000_000;
        int i = 0;
        while (i < n) {
            long now = System.nanoTime();
            while (i < n) {
                long due = start + i * period;
                if (due > now) {
                    break;
                }
                int idx = first + i;
                intended[idx] = due;
                phaseOf[idx] = phaseIndex;
                if (sendLate != null) {
                    sendLate.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
                }
                send.send(idx);
                i++;
            }
            LockSupport.parkNanos(100_000);
        }
        return first + n;
    }
}
