package io.natter.bench.report;

import java.util.List;
import java.util.Locale;

/** Median and range of a few figures, and how the report writes numbers. */
public record Stats(double median, double min, double max, int n) {

    /** Statistics of the finite values in {@code values} (n = 0 if there are none). */
    public static Stats of(List<Double> values) {
        double[] v = values.stream().filter(d -> d != null && Double.isFinite(d)).mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Stats(median, v[0], v[v.length - 1], v.length);
    }

    /** {@code median [min–max]}, or just the median for one value, or {@code –}. */
    public String format() {
        if (n == 0) {
            return "–";
        }
        return n == 1 ? number(median) : number(median) + " [" + number(min) + "–" + number(max) + "]";
    }

    /** A number in a few significant digits: 1.23M, 45.6k, 789, 1.23, 0.012. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
