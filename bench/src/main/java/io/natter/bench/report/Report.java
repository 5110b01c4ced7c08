package io.natter.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The Markdown report: one table per scenario, each row a target and configuration with the
 * median and range over the passes, CPU of server and generator, what the limit was, and the
 * ratio Natter ÷ target computed pass by pass (figures of different passes are never compared).
 */
public final class Report {

    /** The target every ratio puts in the numerator. */
    public static final String NATTER = "natter";

    /** The key of a row that stands for all scenarios of a target that could not run. */
    public static final String ALL = "*";

    /** The title of the goals table, the report's last. */
    public static final String GOALS_TITLE = "Against the targets of issue #5";

    private static final Set<String> PEERS = Set.of("jawampa", "fox-wamp", "wamp.rt");

    /** How one scenario's table looks. */
    record Table(String scenario, String title, String explanation, List<String> figures, String ratioFigure,
                 boolean lowerIsBetter) {
    }

    private static final String FROM_SENT = "*p99 from sent*: from when each message actually left the generator, so without "
            + "the generator's lateness (a diagnostic of the path after it, not a measure on its own: a stalled sender "
            + "sends fewer messages into its stall).";

    static final List<Table> TABLES = List.of(
            new Table("pubsub-sat", "Pub/sub at saturation",
                    "1 publisher → N subscribers, closed loop (a bounded window of publications not yet delivered). "
                            + "Ratio on events per server core-second.",
                    List.of("events/s", "events/core-s"), "events/core-s", false),
            new Table("pubsub-lat", "Pub/sub latency at a fixed rate",
                    "Open loop at 20% of the same target's saturation in the same pass; publish → EVENT at each subscriber, "
                            + "from the intended send time. *gen lag*: how late the generator itself sent, after the intended time "
                            + "(part of the latency). " + FROM_SENT + " Ratio on p99 (lower is better).",
                    List.of("offered/s", "p50 µs", "p99 µs", "p99 from sent µs", "gen lag p50 µs", "gen lag p99 µs"), "p99 µs", true),
            new Table("rpc-sat", "RPC at saturation",
                    "1 callee (echo), each caller one call outstanding. Ratio on calls per server core-second.",
                    List.of("calls/s", "calls/core-s"), "calls/core-s", false),
            new Table("rpc-lat", "RPC latency at a fixed rate",
                    "Open loop at 50% of the same target's saturation in the same pass; CALL → RESULT, from the intended send time. "
                            + "*gen lag*: how late the generator itself sent, after the intended time (part of the latency). "
                            + FROM_SENT + " Ratio on p99 (lower is better).",
                    List.of("offered/s", "p50 µs", "p99 µs", "p999 µs", "p99 from sent µs", "gen lag p50 µs", "gen lag p99 µs"),
                    "p99 µs", true),
            new Table("auth", "Joins (connect, HELLO, WELCOME, drop)",
                    "16 concurrent join/leave loops, each a new WebSocket; WAMP-CRA as a static user without salt. "
                            + "Ratio on joins per server core-second.",
                    List.of("joins/s", "joins/core-s"), "joins/core-s", false),
            new Table("sessions", "Idle sessions",
                    "N sessions opened (256 handshakes in flight) and held; heap after a full GC (JVM: jcmd GC.run + jstat; "
                            + "Node: gc() + heapUsed) and RSS, before and after, per session. Ratio on heap per session (lower is better).",
                    List.of("joins/s", "heap B/session", "RSS B/session", "heap MB", "RSS MB"), "heap B/session", true));

    private Report() {
    }

    /**
     * The whole report.
     *
     * @param rows    every row of the run
     * @param targets target names in display order
     * @param header  lines (Markdown) describing machine, command and settings
     */
    public static String markdown(List<Row> rows, List<String> targets, List<String> header) {
        StringBuilder md = new StringBuilder();
        header.forEach(line -> md.append(line).append('\n'));
        md.append('\n');
        for (Table t : TABLES) {
            table(md, t, rows, targets);
        }
        goals(md, rows);
        return md.toString();
    }

    private static void table(StringBuilder md, Table t, List<Row> rows, List<String> targets) {
        md.append("### ").append(t.title()).append("\n\n").append(t.explanation()).append("\n\n");
        md.append("| router | config | ");
        t.figures().forEach(f -> md.append(f).append(" | "));
        md.append("server cores | gen cores | others | bound | Natter ÷ router | notes |\n|");
        md.append("---|".repeat(t.figures().size() + 8)).append('\n');
        List<Row> mine = rows.stream().filter(r -> r.scenario().equals(t.scenario())).toList();
        Set<String> configs = mine.stream().map(Row::config).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String config : configs) {
            for (String target : targets) {
                List<Row> cell = mine.stream().filter(r -> r.config().equals(config) && r.target().equals(target)).toList();
                if (!cell.isEmpty()) {
                    line(md, t, config, target, cell, mine);
                }
            }
        }
        for (String target : targets) {
            rows.stream().filter(r -> r.target().equals(target) && r.scenario().equals(ALL)
                            && mine.stream().noneMatch(m -> m.target().equals(target)))
                    .findFirst()
                    .ifPresent(r -> md.append("| ").append(target).append(" | all | ")
                            .append("| ".repeat(t.figures().size() + 5)).append(escape(r.note())).append(" |\n"));
        }
        md.append('\n');
    }

    private static void line(StringBuilder md, Table t, String config, String target, List<Row> cell, List<Row> scenarioRows) {
        List<Row> measured = cell.stream().filter(Row::hasFigures).toList();
        md.append("| ").append(target).append(" | ").append(config).append(" | ");
        if (measured.isEmpty()) {
            md.append("| ".repeat(t.figures().size() + 5)).append(escape(notes(cell))).append(" |\n");
            return;
        }
        for (String f : t.figures()) {
            md.append(Stats.of(measured.stream().map(r -> r.figure(f)).toList()).format()).append(" | ");
        }
        md.append(Stats.number(Stats.of(measured.stream().map(Row::serverCores).toList()).median())).append(" | ");
        md.append(Stats.number(Stats.of(measured.stream().map(Row::generatorCores).toList()).median())).append(" | ");
        md.append(Stats.number(Stats.of(measured.stream().map(Row::otherCores).toList()).median())).append(" | ");
        md.append(mostCommon(measured.stream().map(Row::bound).toList())).append(" | ");
        md.append(target.equals(NATTER) ? "" : ratio(scenarioRows, config, target, t.ratioFigure()).format()).append(" | ");
        md.append(escape(notes(cell))).append(" |\n");
    }

    /** Natter ÷ {@code target} for {@code figure}, pass by pass. */
    static Stats ratio(List<Row> scenarioRows, String config, String target, String figure) {
        List<Double> ratios = new ArrayList<>();
        Map<Integer, Row> natter = byPass(scenarioRows, config, NATTER);
        byPass(scenarioRows, config, target).forEach((pass, row) -> {
            Row n = natter.get(pass);
            if (n != null) {
                double r = n.figure(figure) / row.figure(figure);
                if (Double.isFinite(r)) {
                    ratios.add(r);
                }
            }
        });
        return Stats.of(ratios);
    }

    private static Map<Integer, Row> byPass(List<Row> rows, String config, String target) {
        Map<Integer, Row> m = new LinkedHashMap<>();
        rows.stream().filter(r -> r.config().equals(config) && r.target().equals(target) && r.hasFigures())
                .forEach(r -> m.put(r.pass(), r));
        return m;
    }

    private static void goals(StringBuilder md, List<Row> rows) {
        md.append("### ").append(GOALS_TITLE).append("\n\n");
        if (rows.stream().noneMatch(r -> r.target().equals(NATTER) && r.hasFigures())) {
            md.append("Natter's router was not measured in this run: every goal is pending.\n\n");
            return;
        }
        md.append("| goal | config | measured (median [range] over passes) | met |\n|---|---|---|---|\n");
        List<Row> ps = scenario(rows, "pubsub-sat");
        for (String config : configs(ps)) {
            goal(md, "pub/sub events per server core-s ≥ 0.8 × relay", config, ratio(ps, config, "relay", "events/core-s"), r -> r >= 0.8);
            bestPeer(ps, config, "events/core-s").ifPresent(peer -> goal(md, "pub/sub events per server core-s ≥ 2 × best peer (" + peer + ")",
                    config, ratio(ps, config, peer, "events/core-s"), r -> r >= 2));
        }
        List<Row> rpc = scenario(rows, "rpc-sat");
        for (String config : configs(rpc)) {
            bestPeer(rpc, config, "calls/core-s").ifPresent(peer -> goal(md, "RPC calls per server core-s ≥ 1.5 × best peer (" + peer + ")",
                    config, ratio(rpc, config, peer, "calls/core-s"), r -> r >= 1.5));
        }
        List<Row> lat = scenario(rows, "rpc-lat");
        for (String config : configs(lat)) {
            latencyGoal(md, lat, config);
        }
        List<Row> sessions = scenario(rows, "sessions");
        for (String config : configs(sessions)) {
            Stats perSession = Stats.of(sessions.stream().filter(r -> r.target().equals(NATTER) && r.config().equals(config) && r.hasFigures())
                    .map(r -> r.figure("heap B/session") * 10_000 / 1e6).toList());
            goal(md, "10k idle sessions in < 200 MB of heap (MB for 10k)", config, perSession, v -> v < 200);
        }
        md.append('\n');
    }

    private static void goal(StringBuilder md, String goal, String config, Stats s, Predicate<Double> met) {
        goal(md, goal, config, s, s.format(), met, "");
    }

    private static void goal(StringBuilder md, String goal, String config, Stats s, String measured, Predicate<Double> met,
                             String remark) {
        String verdict = s.n() == 0 ? "not measured" : met.test(s.median()) ? (met.test(s.min()) && met.test(s.max()) ? "yes" : "median only") : "no";
        md.append("| ").append(goal).append(" | ").append(config).append(" | ").append(measured).append(" | ").append(verdict)
                .append(remark).append(" |\n");
    }

    /**
     * The p99 goal, with what the machine allowed in the same passes: the relay's p99 (no WAMP:
     * what this stack reaches on this machine), how late the generator itself sent at its p99 (a
     * send lag of 1 ms or more is already over the goal before the router has seen the call), the
     * p99 from when each call actually left (without that lag), and the passes where the
     * generator, not the router, was the limit.
     */
    private static void latencyGoal(StringBuilder md, List<Row> lat, String config) {
        List<Row> natter = lat.stream().filter(r -> r.target().equals(NATTER) && r.config().equals(config) && r.hasFigures()).toList();
        Stats p99 = Stats.of(natter.stream().map(r -> r.figure("p99 µs")).toList());
        Stats lag = Stats.of(natter.stream().map(r -> r.figure("gen lag p99 µs")).filter(v -> !v.isNaN()).toList());
        Stats fromSent = Stats.of(natter.stream().map(r -> r.figure("p99 from sent µs")).filter(v -> !v.isNaN()).toList());
        Stats relay = Stats.of(lat.stream().filter(r -> r.target().equals("relay") && r.config().equals(config) && r.hasFigures())
                .map(r -> r.figure("p99 µs")).toList());
        long generatorBound = natter.stream().filter(r -> r.bound().equals("generator")).count();
        StringBuilder measured = new StringBuilder(p99.format());
        if (relay.n() > 0) {
            measured.append("; relay ").append(relay.format());
        }
        if (lag.n() > 0) {
            measured.append("; generator's own send lag p99 ").append(lag.format());
        }
        if (fromSent.n() > 0) {
            measured.append("; p99 from sent ").append(fromSent.format());
        }
        if (generatorBound > 0) {
            measured.append("; generator-bound in ").append(generatorBound).append(" of ").append(natter.size()).append(" passes");
        }
        Predicate<Double> met = v -> v < 1000;
        List<String> alsoOver = new ArrayList<>();
        if (p99.n() > 0 && !met.test(p99.median())) {
            if (relay.n() > 0 && !met.test(relay.median())) {
                alsoOver.add("the relay too");
            }
            if (lag.n() > 0 && !met.test(lag.median())) {
                alsoOver.add("the generator's own send lag too");
            }
        }
        String remark = alsoOver.isEmpty() ? "" : " (" + String.join("; ", alsoOver) + ")";
        goal(md, "RPC p99 < 1 ms at 50% of saturation (µs)", config, p99, measured.toString(), met, remark);
    }

    private static java.util.Optional<String> bestPeer(List<Row> rows, String config, String figure) {
        return PEERS.stream()
                .filter(p -> rows.stream().anyMatch(r -> r.target().equals(p) && r.config().equals(config) && r.hasFigures()))
                .max((a, b) -> Double.compare(median(rows, config, a, figure), median(rows, config, b, figure)));
    }

    private static double median(List<Row> rows, String config, String target, String figure) {
        return Stats.of(rows.stream().filter(r -> r.target().equals(target) && r.config().equals(config) && r.hasFigures())
                .map(r -> r.figure(figure)).toList()).median();
    }

    private static List<Row> scenario(List<Row> rows, String scenario) {
        return rows.stream().filter(r -> r.scenario().equals(scenario)).toList();
    }

    private static Set<String> configs(List<Row> rows) {
        return rows.stream().map(Row::config).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String notes(List<Row> cell) {
        return cell.stream().map(Row::note).filter(Objects::nonNull).filter(n -> !n.isBlank()).distinct()
                .collect(Collectors.joining("; "));
    }

    private static String mostCommon(List<String> values) {
        Map<String, Long> counts = values.stream().collect(Collectors.groupingBy(v -> v, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }

    private static String escape(String s) {
        String oneLine = s.replace('\n', ' ').replace("|", "\\|");
        return oneLine.length() > 160 ? oneLine.substring(0, 157) + "..." : oneLine;
    }

    /** Formats a ratio-like value for prose. */
    public static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
