package io.natter.bench;

import io.natter.bench.load.Endpoint;
import io.natter.bench.load.Join;
import io.natter.bench.load.Joins;
import io.natter.bench.load.PubSub;
import io.natter.bench.load.Rpc;
import io.natter.bench.load.Setup;
import io.natter.bench.measure.Window;
import io.natter.bench.report.Report;
import io.natter.bench.target.Server;
import io.natter.bench.target.TargetSpec;
import io.natter.bench.wire.Wire;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The warm-up of one target before anything of it is recorded ({@link #run}), and the rule that
 * says when a load has warmed up ({@link #warm}).
 */
final class WarmUp {

    private final Options options;

    WarmUp(Options options) {
        this.options = options;
    }

    /**
     * Loads the target before anything is recorded, so that what is measured is the steady speed
     * of a server that has been running, as a router in service has. A server pinned to one core
     * compiles its hot paths on that same core while it serves, for seconds. So every target,
     * whatever it runs on, gets 0.3-second windows of pub/sub (1→10, 64 B, then the largest payload
     * measured), then of RPC (16 callers), each load until it stops getting faster ({@link #warm};
     * with the diagnostics, also until a JVM server's JIT is done), on every serialization it speaks;
     * the generator's own JIT warms up with it (a last half-second of RPC on the first serialization
     * is paced, as the latency runs are, so that the generator's paced path is compiled before it
     * measures). Both loads at once do not do: pub/sub starves the calls, whose paths stay cold.
     * Joins are warmed apart, right before they are measured ({@link #joins}). The history of these
     * choices is in {@code bench/results/HISTORY.md}.
     */
    void run(Setup setup, TargetSpec spec, Server server) {
        Setup warm = warming(setup);
        DoubleSupplier jit = options.diagnostics().jitShare(setup.server());
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
                pubsub = p.saturating(() -> warm(() -> warm.window(p::delivered).perServerCoreSecond(), WARM_MAX, jit));
                if (largest > 64) {
                    // Large frames take their own paths (Natter: one shared direct buffer per EVENT);
                    // left cold, their first configuration measured the JIT recompiling them.
                    p.withPayload(largest);
                    pubsubLarge = p.saturating(() -> warm(() -> warm.window(p::delivered).perServerCoreSecond(), WARM_LARGE_MAX,
                            jit));
                }
            }
            try (Rpc r = Rpc.open(warm, new Rpc.Config(wire, 16, options.rpcPayload))) {
                double[] calls = new double[1];
                rpc = r.saturating(() -> warm(() -> {
                    Window sat = warm.window(r::completed);
                    calls[0] = sat.rate();
                    return sat.perServerCoreSecond();
                }, WARM_MAX, jit));
                if (first) {
                    // The paced path (timers, stamps, histograms) is compiled before it measures.
                    r.atRate(options.rpcLatencyLoad * calls[0]);
                }
            }
            Suite.log("  warm-up %s, per server core-s: pub/sub 1→10 %s; %d B %s; RPC 16 callers %s", w, pubsub, largest,
                    pubsubLarge, rpc);
            first = false;
        }
    }

    /**
     * Join/leave churn until the joins have warmed up, right before they are measured (WAMP-CRA where
     * the target has it: its handshake runs the anonymous one's path too). Nothing else runs the
     * handshake, and it is the widest path, the one a JVM server compiles longest. Warmed before
     * pub/sub, its compiling would spill over into the pub/sub curves; warmed here, what it leaves
     * spills only into the joins.
     */
    void joins(Setup setup, TargetSpec spec, Server server) {
        boolean cra = spec.craGap() == null;
        Endpoint ep = cra ? Endpoint.router("127.0.0.1", server.port(), spec.craPath()) : setup.endpoint();
        DoubleSupplier jit = options.diagnostics().jitShare(setup.server());
        Curve joins;
        try (Joins.Churning churn = Joins.start(warming(setup), ep, Wire.JSON, cra ? Join.BENCH_USER : Join.ANONYMOUS, 16)) {
            joins = warm(() -> churn.window().perServerCoreSecond(), WARM_JOINS_MAX, jit);
        }
        Suite.log("  warm-up joins (%s) per server core-s: %s", cra ? "WAMP-CRA" : "anonymous", joins);
    }

    private static Setup warming(Setup setup) {
        return new Setup(setup.generator(), setup.endpoint(), setup.server(), setup.self(), setup.serverCpus(),
                setup.generatorCpus(), Duration.ofMillis(50), WARM_WINDOW.minusMillis(50), false, setup.pacerThread());
    }

    /**
     * Runs warm-up windows ({@link #WARM_WINDOW}) of a load until it has stopped getting faster: at least
     * {@link #WARM_MIN}, then until {@link #WARM_FLAT} windows in a row are not {@link #WARM_GAIN}
     * above the best before them, at most {@code max} windows; and, for a JVM server, not while its
     * JIT is still compiling ({@code jit}: its compilers' share of a core since the previous call,
     * NaN where unknown or not metered; {@link #WARM_JIT_BUSY} or more over the last window): a
     * curve can look flat while the compiler holds half the core. A fixed count is too short for
     * some loads and longer than needed for most; one or two flat windows are not enough on a noisy
     * machine (a router still compiling can rise 2× after a flat window).
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
            boolean jitIdle = j < WARM_JIT_BUSY && n >= 2 && compiling.get(n - 2) < WARM_JIT_BUSY;
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
     * One warm-up window, 50 ms of it unmeasured: 0.3 s (where the JIT decides how long a curve runs,
     * shorter windows only end it closer to when it is done, and they halve what a curve already
     * flat costs).
     */
    static final Duration WARM_WINDOW = Duration.ofMillis(300);
    static final int WARM_MIN = 4;
    static final int WARM_FLAT = 3;
    /**
     * At most 10 s of a curve: a JVM server's JIT stays busy for several seconds of pub/sub or RPC
     * load.
     */
    static final int WARM_MAX = windows(Duration.ofSeconds(10));
    /**
     * Joins compile the most code (the HTTP upgrade, the handshake, session set-up and tear-down).
     * At most 10 s, right before the joins are measured.
     */
    static final int WARM_JOINS_MAX = windows(Duration.ofSeconds(10));
    /**
     * The large-payload pub/sub curve runs on a pipeline the 64 B one has warmed, but its own paths
     * (Natter: one shared direct buffer per EVENT) take seconds more to compile. At most 8 s.
     */
    static final int WARM_LARGE_MAX = windows(Duration.ofSeconds(8));

    private static int windows(Duration d) {
        return (int) (d.toMillis() / WARM_WINDOW.toMillis());
    }

    static final double WARM_GAIN = 1.10;
    /** A server whose JIT compilers took this share of a core over a window is still compiling. */
    static final double WARM_JIT_BUSY = 0.10;
}
