package io.natter.bench.load;

import io.natter.bench.measure.Window;
import org.HdrHistogram.Histogram;

/**
 * A latency measurement: the window it ran over, the histogram of latencies in nanoseconds, and
 * the rate that was asked for.
 */
public record Latency(Window window, Histogram histogram, double offeredRate) {

    /** The latency at {@code percentile} (0–100) in microseconds. */
    public double micros(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
