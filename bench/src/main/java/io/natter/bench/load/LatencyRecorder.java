package io.natter.bench.load;

import io.natter.bench.measure.Window;
import io.natter.bench.wire.Payload;
import io.vertx.core.buffer.Buffer;
import org.HdrHistogram.Recorder;

/**
 * What an open-loop load records, from any thread: each received message's latency from its
 * intended send time and from the time it actually left, and the pacer's send lag.
 */
final class LatencyRecorder {

    private final Recorder fromIntended = new Recorder(3);
    private final Recorder fromSent = new Recorder(3);
    private final Recorder sendLag = new Recorder(3);

    /** Where a pacer records how late each message left. */
    Recorder sendLag() {
        return sendLag;
    }

    /** Records {@code frame}'s latencies, if it carries a stamp. */
    void record(Buffer frame) {
        int at = Payload.find(frame);
        if (at < 0) {
            return;
        }
        long now = System.nanoTime();
        fromIntended.recordValue(Math.max(0, now - Payload.intendedAt(frame, at)));
        long sent = Payload.sentAt(frame, at);
        if (sent != Long.MIN_VALUE) {
            fromSent.recordValue(Math.max(0, now - sent));
        }
    }

    /** Forgets what was recorded so far (the window's start). */
    void reset() {
        fromIntended.getIntervalHistogram();
        fromSent.getIntervalHistogram();
        sendLag.getIntervalHistogram();
    }

    /** What was recorded since the last reset, over {@code window}, at {@code offeredRate}. */
    Latency latency(Window window, double offeredRate) {
        return new Latency(window, fromIntended.getIntervalHistogram(), offeredRate, sendLag.getIntervalHistogram(),
                fromSent.getIntervalHistogram());
    }
}
