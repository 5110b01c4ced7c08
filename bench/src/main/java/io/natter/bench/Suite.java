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
import io.natter.bench.measure.Window;
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
import java.util.function.Supplier;

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
        WarmUp warmUp = new WarmUp(options);
        try {
            server = Server.start(spec, options.serverCpus, logFile);
            server.awaitPort(Duration.ofSeconds(60));
            Endpoint endpoint = spec.relay() ? Endpoint.relay("127.0.0.1", server.port())
                    : Endpoint.router("127.0.0.1", server.port(), "/ws");
            Setup setup = new Setup(generator, endpoint, server.proc(), self, serverCpus, generatorCpus,
                    options.warmup, options.measure, true, options.diagnostics().pacerThread());
            awaitJoin(setup);
            clock.lap("start");
            warmUp.run(setup, spec, server);
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
                if (!spec.relay()) {
                    warmUp.joins(setup, spec, server);
                    clock.lap("joins warm-up");
                }
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
