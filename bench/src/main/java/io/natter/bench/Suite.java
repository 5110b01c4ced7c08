package io.natter.bench;

import io.natter.bench.load.Endpoint;
import io.natter.bench.load.Generator;
import io.natter.bench.load.Join;
import io.natter.bench.load.Joins;
import io.natter.bench.load.Latency;
import io.natter.bench.load.Peer;
import io.natter.bench.load.PubSub;
import io.natter.bench.load.Rpc;
import io.natter.bench.load.Setup;
import io.natter.bench.measure.Proc;
import io.natter.bench.measure.JitMeter;
import io.natter.bench.measure.Window;
import io.natter.bench.report.Report;
import io.natter.bench.report.Row;
import io.natter.bench.target.Server;
import io.natter.bench.target.TargetSpec;
import io.natter.bench.target.Targets;
import io.natter.bench.wire.Wire;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs every scenario against every target, pass after pass. Each pass starts each target
 * afresh, warms it up, then runs the scenarios in a fixed order; the order of the targets turns
 * by one each pass so that no target always runs first (or last) on a machine whose load drifts.
 */
final class Suite {

    /** Scenario keys, in the order the report shows them. */
    static final List<String> SCENARIOS = List.of("pubsub-sat", "pubsub-lat", "rpc-sat", "rpc-lat", "auth", "sessions");

    /** The key of a row that stands for every scenario of a target that could not run. */
    static final String ALL = "*";

    private final Options options;
    private final Generator generator;
    private final Proc self = Proc.self();
    private final int serverCpus;
    private final int generatorCpus;
    private final List<Row> rows = Collections.synchronizedList(new ArrayList<>());

    Suite(Options options, Generator generator) {
        this.options = options;
        this.generator = generator;
        this.serverCpus = options.serverCpus == null ? Runtime.getRuntime().availableProcessors() : Proc.countCpusOf(options.serverCpus);
        this.generatorCpus = Math.max(1, self.allowedCpus());
    }

    List<Row> run() {
        for (int pass = 1; pass <= options.passes; pass++) {
            List<String> order = new ArrayList<>(options.targets);
            Collections.rotate(order, -(pass - 1));
            for (String name : order) {
                TargetSpec spec = Targets.named(name, options.repo, jvmOptions(name, pass));
                log("pass %d/%d: %s", pass, options.passes, name);
                runTarget(pass, spec);
            }
        }
        return new ArrayList<>(rows);
    }

    private List<String> jvmOptions(String target, int pass) {
        if (!options.profile) {
            return options.jvmOptions;
        }
        List<String> opts = new ArrayList<>(options.jvmOptions);
        Path jfr = options.out.resolve("jfr").resolve(target + "-pass" + pass + ".jfr");
        jfr.getParent().toFile().mkdirs();
        opts.add("-XX:StartFlightRecording=settings=" + options.profileSettings + ",dumponexit=true,filename=" + jfr);
        return opts;
    }

    private void runTarget(int pass, TargetSpec spec) {
        if (spec.unavailable() != null) {
            rows.add(Row.unavailable(pass, spec.name(), ALL, "", spec.unavailable()));
            return;
        }
        Path logFile = options.out.resolve("logs").resolve(spec.name() + "-pass" + pass + ".log");
        Server server = null;
        Joins.Held held = null;
        Clock clock = new Clock();
        try {
            server = Server.start(spec, options.serverCpus, logFile);
            server.awaitPort(Duration.ofSeconds(60));
            Endpoint endpoint = spec.relay() ? Endpoint.relay("127.0.0.1", server.port())
                    : Endpoint.router("127.0.0.1", server.port(), "/ws");
            Setup setup = new Setup(generator, endpoint, server.proc(), self, serverCpus, generatorCpus,
                    options.warmup, options.measure, true);
            awaitJoin(setup);
            clock.lap("start");
            warmUp(setup, spec, server);
            clock.lap("warm-up");
            if (options.scenarios.contains("pubsub")) {
                pubsub(pass, spec, setup, server);
                clock.lap("pub/sub");
            }
            if (options.scenarios.contains("rpc")) {
                rpc(pass, spec, setup, server);
                clock.lap("RPC");
            }
            if (options.scenarios.contains("auth")) {
                auth(pass, spec, setup, server);
                clock.lap("joins");
            }
            if (options.scenarios.contains("sessions")) {
                held = sessions(pass, spec, setup, server);
                clock.lap("sessions");
            }
        } catch (RuntimeException | java.io.IOException e) {
            rows.add(Row.unavailable(pass, spec.name(), ALL, "", "failed: " + e.getMessage()));
            log("  %s failed: %s", spec.name(), e);
        } finally {
            if (server != null) {
                server.close();
            }
            if (held != null) {
                held.close();
            }
            clock.lap("stop");
            log("  %s took %s", spec.name(), clock);
        }
    }

    /** Seconds each phase of a target's run took, for the log (the run must fit its 15 minutes). */
    private static final class Clock {
        private final long start = System.nanoTime();
        private final Duration settledBefore = Setup.settled();
        private long last = start;
        private final StringBuilder laps = new StringBuilder();

        void lap(String phase) {
            long now = System.nanoTime();
            laps.append(String.format("%s %.1f s, ", phase, (now - last) / 1e9));
            last = now;
        }

        @Override
        public String toString() {
            return laps + String.format("in all %.1f s (%.1f s of it waiting for quiet)", (last - start) / 1e9,
                    Setup.settled().minus(settledBefore).toMillis() / 1e3);
        }
    }

    private void awaitJoin(Setup setup) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                Join join = setup.endpoint().wamp() ? Join.ANONYMOUS : Join.RAW;
                Generator.await(Peer.open(generator, setup.endpoint(), Wire.JSON, join, "probe"), Duration.ofSeconds(5)).close();
                return;
            } catch (RuntimeException e) {
                last = e;
                Setup.sleep(Duration.ofMillis(200));
            }
        }
        throw new IllegalStateException("no session could join: " + (last == null ? "?" : last.getMessage()), last);
    }

    /**
     * Loads the target before anything is recorded, so that what is measured is the steady speed
     * of a server that has been running, as a router in service has. A server pinned to one core
     * compiles its hot paths on that same core while it serves: JFR's compilation events show
     * Natter's JIT taking most of the core for the first 4–5 s of pub/sub load, and RPC adding
     * 3 s more; after the old fixed 1.5 s warm-up pub/sub 1→10 measured 0.6× the relay, after
     * 10 s 1.0×. So every target, whatever it runs on, gets 0.3-second windows of join/leave churn
     * (WAMP-CRA where the target has it), then of pub/sub (1→10, 64 B, then the largest payload
     * measured), then of RPC (16 callers), each load until it stops getting faster and a JVM
     * server's JIT is done ({@link #warm}), on every serialization it speaks; the
     * generator's own JIT warms up with it (a last half-second of RPC on the first serialization is
     * paced, as the latency runs are: the generator's paced path, compiled while it measured, had
     * sent late by milliseconds). Both loads at once do not do: pub/sub starves the calls, whose
     * paths stay cold. Joins are warmed because nothing else runs the handshake: without them the
     * router's compiler threads still took half its core during the join windows.
     */
    private void warmUp(Setup setup, TargetSpec spec, Server server) {
        Setup warm = new Setup(setup.generator(), setup.endpoint(), setup.server(), setup.self(), setup.serverCpus(),
                setup.generatorCpus(), Duration.ofMillis(50), WARM_WINDOW.minusMillis(50), false);
        JitMeter jit = new JitMeter(setup.server());
        if (options.scenarios.contains("auth") && !spec.relay()) {
            // First: joins compile the most code, and the loads after it wait for the JIT to be done,
            // so its compiling does not spill into a measured window. WAMP-CRA where the target
            // has it: its handshake runs the anonymous one's path too.
            boolean cra = spec.craGap() == null;
            Endpoint ep = cra ? Endpoint.router("127.0.0.1", server.port(), spec.craPath()) : setup.endpoint();
            Curve joins;
            try (Joins.Churning churn = Joins.start(warm, ep, Wire.JSON, cra ? Join.BENCH_USER : Join.ANONYMOUS, 16)) {
                joins = warm(() -> churn.window().perServerCoreSecond(), WARM_JOINS_MAX, jit::share);
            }
            log("  warm-up joins (%s) per server core-s: %s", cra ? "WAMP-CRA" : "anonymous", joins);
        }
        boolean first = true;
        for (String w : options.wires) {
            if (spec.wireGap(w) != null) {
                continue;
            }
            Wire wire = Wire.named(w);
            Curve pubsub;
            Curve pubsubLarge = Curve.NONE;
            Curve rpc;
            int largest = options.payloads.stream().max(Integer::compare).orElse(64);
            try (PubSub p = PubSub.open(warm, new PubSub.Config(wire, 10, 64))) {
                // Each curve's windows run back to back on one unbroken load (no drain between them).
                pubsub = p.saturating(() -> warm(() -> warm.window(p::delivered).perServerCoreSecond(), WARM_MAX, jit::share));
                if (largest > 64) {
                    // Large frames take their own paths (Natter: one shared direct buffer per EVENT);
                    // left cold, their first configuration measured the JIT recompiling them.
                    p.withPayload(largest);
                    pubsubLarge = p.saturating(() -> warm(() -> warm.window(p::delivered).perServerCoreSecond(), WARM_LARGE_MAX,
                            jit::share));
                }
            }
            try (Rpc r = Rpc.open(warm, new Rpc.Config(wire, 16, options.rpcPayload))) {
                double[] calls = new double[1];
                rpc = r.saturating(() -> warm(() -> {
                    Window sat = warm.window(r::completed);
                    calls[0] = sat.rate();
                    return sat.perServerCoreSecond();
                }, WARM_MAX, jit::share));
                if (first) {
                    // The paced path (timers, stamps, histograms) is compiled before it measures.
                    r.atRate(options.rpcLatencyLoad * calls[0]);
                }
            }
            log("  warm-up %s, per server core-s: pub/sub 1→10 %s; %d B %s; RPC 16 callers %s", w, pubsub, largest,
                    pubsubLarge, rpc);
            first = false;
        }
    }

    /**
     * Runs warm-up windows ({@link #WARM_WINDOW}) of a load until it has stopped getting faster: at least
     * {@link #WARM_MIN}, then until {@link #WARM_FLAT} windows in a row are not {@link #WARM_GAIN}
     * above the best before them, at most {@link #WARM_MAX}; and, for a JVM server, not while its
     * JIT is still compiling ({@link #warm(DoubleSupplier, int, DoubleSupplier)}): a curve can look
     * flat while the compiler holds half the core (Natter's joins: 1.0k–1.7k per core-second for
     * eight windows with the JIT at 45–60%, then 4–5k once it was done). A fixed count was too short for a
     * second serialization (MessagePack pub/sub still rising 3× after two seconds) and longer than
     * needed for most loads; one flat window was not enough (a router still compiling rose 9% in
     * one half-second and 2× in the next), nor two (0.93M, 1.33M, 0.99M, 1.22M on a noisy
     * machine, then 1.7M).
     */
    static List<Double> warm(DoubleSupplier window) {
        return warm(window, WARM_MAX, () -> Double.NaN).rates();
    }

    /**
     * {@link #warm(DoubleSupplier)} with at most {@code max} windows, and not ending while the
     * server's JIT compilers took {@link #WARM_JIT_BUSY} of a core or more over the last window
     * ({@code jit}: their share since its previous call, NaN where unknown).
     */
    static Curve warm(DoubleSupplier window, int max, DoubleSupplier jit) {
        List<Double> rates = new ArrayList<>();
        List<Double> compiling = new ArrayList<>();
        double best = 0;
        int flat = 0;
        jit.getAsDouble();
        while (rates.size() < max) {
            double r = window.getAsDouble();
            double j = jit.getAsDouble();
            rates.add(r);
            compiling.add(j);
            flat = r < best * WARM_GAIN ? flat + 1 : 0;
            // Where the JIT is metered, two flat windows with it idle say as much as three without.
            int n = rates.size();
            boolean jitIdle = n >= 2 && compiling.get(n - 1) < WARM_JIT_BUSY && compiling.get(n - 2) < WARM_JIT_BUSY;
            if (n >= WARM_MIN && !(j >= WARM_JIT_BUSY) && (flat >= WARM_FLAT || jitIdle && flat >= WARM_FLAT - 1)) {
                break;
            }
            best = Math.max(best, r);
        }
        return new Curve(rates, compiling);
    }

    /** A warm-up curve: each window's rate and the server's JIT share of a core in it (NaN: unknown). */
    record Curve(List<Double> rates, List<Double> jit) {
        static final Curve NONE = new Curve(List.of(), List.of());

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < rates.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(Report.fmt(rates.get(i)));
                if (!jit.get(i).isNaN()) {
                    sb.append(" (JIT ").append(Math.round(jit.get(i) * 100)).append("%)");
                }
            }
            return sb.toString();
        }
    }

    /**
     * One warm-up window, 50 ms of it unmeasured: 0.3 s (it was 0.5 s; where the JIT decides how long
     * a curve runs, shorter windows only end it closer to when it is done, and they halve what a
     * curve already flat costs).
     */
    static final Duration WARM_WINDOW = Duration.ofMillis(300);
    static final int WARM_MIN = 4;
    static final int WARM_FLAT = 3;
    /**
     * At most 10 s of a curve: a JVM server's JIT stays busy for 5–7 s of pub/sub or RPC load
     * (JIT 50–70% of the core, Natter and jawampa alike, 2026-12-06).
     */
    static final int WARM_MAX = windows(Duration.ofSeconds(10));
    /**
     * Joins compile the most code (the HTTP upgrade, the handshake, session set-up and tear-down):
     * Natter's JIT took 40–60% of its core for the first 10–15 s of join churn, and a join measured
     * then cost twice what it did after (2026-12-06). At most 10 s: they are warmed first, and the
     * loads warmed after them wait for the JIT to finish what is left.
     */
    static final int WARM_JOINS_MAX = windows(Duration.ofSeconds(10));
    /**
     * The large-payload pub/sub curve runs on a pipeline the 64 B one has warmed, but its own paths
     * kept Natter's JIT at half the core for 5 s (2026-12-06); the 3 s cap it had before ended it
     * mid-compile. At most 8 s.
     */
    static final int WARM_LARGE_MAX = windows(Duration.ofSeconds(8));

    private static int windows(Duration d) {
        return (int) (d.toMillis() / WARM_WINDOW.toMillis());
    }

    static final double WARM_GAIN = 1.10;
    /** A server whose JIT compilers took this share of a core over a window is still compiling. */
    static final double WARM_JIT_BUSY = 0.10;

    private void pubsub(int pass, TargetSpec spec, Setup setup, Server server) {
        for (String w : options.wires) {
            for (int fanout : options.fanouts) {
                String gap = spec.wireGap(w);
                if (gap != null) {
                    for (int payload : options.payloads) {
                        String config = new PubSub.Config(Wire.named(w), fanout, payload).toString();
                        rows.add(Row.unavailable(pass, spec.name(), "pubsub-sat", config, gap));
                        rows.add(Row.unavailable(pass, spec.name(), "pubsub-lat", config, gap));
                    }
                    continue;
                }
                PubSub.Config first = new PubSub.Config(Wire.named(w), fanout, options.payloads.get(0));
                guarded(pass, spec, "pubsub-sat", first.toString(), server, () -> {
                    // The sessions are opened once per fan-out and serve every payload size.
                    try (PubSub p = PubSub.open(setup, first)) {
                        for (int payload : options.payloads) {
                            p.withPayload(payload);
                            guarded(pass, spec, "pubsub-sat", p.config().toString(), server, () -> {
                                pubsubRun(pass, spec, p, server);
                                return null;
                            });
                        }
                    }
                    return null;
                });
            }
        }
    }

    private void pubsubRun(int pass, TargetSpec spec, PubSub p, Server server) {
        String config = p.config().toString();
        Window sat = p.saturate();
        String note = p.stalls() > 0 ? p.stalls() + " stalls (events lost)" : "";
        rows.add(Row.measured(pass, spec.name(), "pubsub-sat", config,
                figures("events/s", sat.rate(), "events/core-s", sat.perServerCoreSecond()),
                sat, serverCpus, generatorCpus, note));
        double rate = options.pubsubLatencyLoad * sat.rate();
        guarded(pass, spec, "pubsub-lat", config, server, () -> {
            Latency l = p.atRate(rate, options.pubsubLatencyMeasure());
            rows.add(Row.measured(pass, spec.name(), "pubsub-lat", config,
                    figures("offered/s", l.offeredRate(), "delivered/s", l.window().rate(),
                            "p50 µs", l.micros(50), "p99 µs", l.micros(99), "p99 from sent µs", l.fromSentMicros(99),
                            "gen lag p50 µs", l.lagMicros(50), "gen lag p99 µs", l.lagMicros(99)),
                    l.window(), serverCpus, generatorCpus, ""));
            return null;
        });
    }

    private void rpc(int pass, TargetSpec spec, Setup setup, Server server) {
        for (String w : options.wires) {
            for (int callers : options.callers) {
                Rpc.Config config = new Rpc.Config(Wire.named(w), callers, options.rpcPayload);
                String gap = spec.wireGap(w);
                if (gap != null) {
                    rows.add(Row.unavailable(pass, spec.name(), "rpc-sat", config.toString(), gap));
                    rows.add(Row.unavailable(pass, spec.name(), "rpc-lat", config.toString(), gap));
                    continue;
                }
                guarded(pass, spec, "rpc-sat", config.toString(), server, () -> {
                    try (Rpc r = Rpc.open(setup, config)) {
                        Window sat = r.saturate();
                        String note = r.errors() > 0 ? r.errors() + " calls answered with ERROR" : "";
                        rows.add(Row.measured(pass, spec.name(), "rpc-sat", config.toString(),
                                figures("calls/s", sat.rate(), "calls/core-s", sat.perServerCoreSecond()),
                                sat, serverCpus, generatorCpus, note));
                        double rate = options.rpcLatencyLoad * sat.rate();
                        guarded(pass, spec, "rpc-lat", config.toString(), server, () -> {
                            Latency l = r.atRate(rate);
                            rows.add(Row.measured(pass, spec.name(), "rpc-lat", config.toString(),
                                    figures("offered/s", l.offeredRate(), "answered/s", l.window().rate(),
                                            "p50 µs", l.micros(50), "p99 µs", l.micros(99), "p999 µs", l.micros(99.9),
                                            "p99 from sent µs", l.fromSentMicros(99),
                                            "gen lag p50 µs", l.lagMicros(50), "gen lag p99 µs", l.lagMicros(99)),
                                    l.window(), serverCpus, generatorCpus, ""));
                            return null;
                        });
                    }
                    return null;
                });
            }
        }
    }

    private void auth(int pass, TargetSpec spec, Setup setup, Server server) {
        if (spec.relay()) {
            rows.add(Row.unavailable(pass, spec.name(), "auth", "anonymous json", "n/a: no WAMP"));
            rows.add(Row.unavailable(pass, spec.name(), "auth", "wampcra json", "n/a: no WAMP"));
            return;
        }
        guarded(pass, spec, "auth", "anonymous json", server, () -> {
            Window w = Joins.churn(setup, setup.endpoint(), Wire.JSON, Join.ANONYMOUS, 16);
            rows.add(Row.measured(pass, spec.name(), "auth", "anonymous json",
                    figures("joins/s", w.rate(), "joins/core-s", w.perServerCoreSecond()), w, serverCpus, generatorCpus, ""));
            return null;
        });
        String gap = spec.craGap();
        if (gap != null) {
            rows.add(Row.unavailable(pass, spec.name(), "auth", "wampcra json", gap));
            return;
        }
        Endpoint cra = Endpoint.router("127.0.0.1", server.port(), spec.craPath());
        guarded(pass, spec, "auth", "wampcra json", server, () -> {
            Window w = Joins.churn(setup, cra, Wire.JSON, Join.BENCH_USER, 16);
            rows.add(Row.measured(pass, spec.name(), "auth", "wampcra json",
                    figures("joins/s", w.rate(), "joins/core-s", w.perServerCoreSecond()), w, serverCpus, generatorCpus, ""));
            return null;
        });
    }

    private Joins.Held sessions(int pass, TargetSpec spec, Setup setup, Server server) {
        int n = options.sessions;
        String config = "json " + n + " idle";
        OptionalLong heap0 = server.heapAfterGc();
        long rss0 = server.proc().rssBytes();
        Joins.Held held;
        try {
            held = Joins.hold(setup, Wire.JSON, n, options.handshakes);
        } catch (RuntimeException e) {
            rows.add(Row.unavailable(pass, spec.name(), "sessions", config, "failed: " + e.getMessage()));
            return null;
        }
        Setup.sleep(Duration.ofMillis(500));
        OptionalLong heap1 = server.heapAfterGc();
        long rss1 = server.proc().rssBytes();
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("joins/s", held.window().rate());
        f.put("heap B/session", heap0.isPresent() && heap1.isPresent() ? (heap1.getAsLong() - heap0.getAsLong()) / (double) n : Double.NaN);
        f.put("RSS B/session", (rss1 - rss0) / (double) n);
        f.put("heap MB", heap1.isPresent() ? heap1.getAsLong() / 1e6 : Double.NaN);
        f.put("RSS MB", rss1 / 1e6);
        rows.add(Row.measured(pass, spec.name(), "sessions", config, f, held.window(), serverCpus, generatorCpus,
                heap1.isPresent() ? "" : "heap not readable"));
        return held;
    }

    // One configuration failing (a router that refuses something) must not lose the others.
    private void guarded(int pass, TargetSpec spec, String scenario, String config, Server server, Supplier<Void> body) {
        try {
            body.get();
        } catch (RuntimeException e) {
            if (!server.alive()) {
                throw new IllegalStateException(spec.name() + " died during " + scenario + " " + config + ": " + server.logTail(), e);
            }
            rows.add(Row.unavailable(pass, spec.name(), scenario, config, "failed: " + e.getMessage()));
            log("  %s %s %s failed: %s", spec.name(), scenario, config, e);
        }
    }

    private static Map<String, Double> figures(Object... pairs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return m;
    }

    static void log(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }
}
