package io.natter.bench.report;

import io.natter.bench.measure.Window;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured configuration of one target in one pass, or the reason it could not be measured.
 *
 * @param pass           1-based pass number; ratios compare rows of the same pass only
 * @param target         router name (or the relay)
 * @param scenario       scenario key, e.g. {@code pubsub-sat}
 * @param config         the configuration inside the scenario, e.g. {@code json 1→100 64 B}
 * @param figures        named figures in display order (e.g. {@code events/s}, {@code p99 µs})
 * @param serverCores    server CPU over the window, in cores
 * @param generatorCores generator CPU over the window, in cores
 * @param otherCores     CPU of everything else on the machine, in cores
 * @param bound          what limited the figure: {@code server}, {@code generator} or {@code neither}
 * @param note           why there is no figure ({@code n/a: ...}), or a remark on it; never null
 */
public record Row(int pass, String target, String scenario, String config, Map<String, Double> figures,
                  double serverCores, double generatorCores, double otherCores, String bound, String note) {

    /** Fraction of its cores above which a party counts as the limit. */
    public static final double SATURATED = 0.85;

    /** A row with figures measured over {@code window}. */
    public static Row measured(int pass, String target, String scenario, String config, Map<String, Double> figures,
                               Window window, int serverCpus, int generatorCpus, String note) {
        return new Row(pass, target, scenario, config, new LinkedHashMap<>(figures),
                window.serverCores(), window.generatorCores(), window.otherCores(),
                bound(window, serverCpus, generatorCpus), note == null ? "" : note);
    }

    /** A row for a configuration the target cannot run. */
    public static Row unavailable(int pass, String target, String scenario, String config, String reason) {
        return new Row(pass, target, scenario, config, Map.of(), Double.NaN, Double.NaN, Double.NaN, "", reason);
    }

    /** Whether the row carries figures. */
    public boolean hasFigures() {
        return !figures.isEmpty();
    }

    /** One figure, or NaN. */
    public double figure(String name) {
        Double v = figures.get(name);
        return v == null ? Double.NaN : v;
    }

    /** Which party was the limit: the one that used nearly all the cores it may use. */
    static String bound(Window w, int serverCpus, int generatorCpus) {
        if (w.serverCores() >= SATURATED * serverCpus) {
            return "server";
        }
        if (w.generatorCores() >= SATURATED * generatorCpus) {
            return "generator";
        }
        return "neither";
    }
}
