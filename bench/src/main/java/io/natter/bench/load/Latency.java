package io.natter.bench.load;

import io.natter.bench.measure.Window;
import org.HdrHistogram.Histogram;

/**
 * A latency measurement: the window it ran over, the histogram of latencies in nanoseconds, the
 * rate that was asked for, and the histogram of the generator's own lateness: how long after its
 * intended time each message left the generator (ns). The latencies count from the intended
 * time, so they include that lateness; it says how much of them is the generator's. The
 * latencies from the time each message actually left ({@code fromSent}) leave that lateness out:
 * a diagnostic of the path after the generator, not a measure on its own (a stalled sender sends
 * fewer messages into a stall, so it undercounts the stall's delay).
 */
public record Latency(Window window, Histogram histogram, double offeredRate, Histogram sendLag, Histogram fromSent) {

    /** The latency at {@code percentile} (0–100) in microseconds. */
    public double micros(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The latency at {@code percentile} (0–100) from the time each message left, in microseconds. */
    public double fromSentMicros(double percentile) {
        return fromSent.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The generator's send lateness at {@code percentile} (0–100) in microseconds. */
    public double lagMicros(double percentile) {
        return sendLag.getValueAtPercentile(percentile) / 1000.0;
    }
}
