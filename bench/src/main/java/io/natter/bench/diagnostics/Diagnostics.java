package io.natter.bench.diagnostics;

import io.natter.bench.measure.Proc;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The suite's diagnostics, used only when asked ({@code bin/bench --diagnostics}): the machine's
 * stalls probed before any load ({@link Stalls}), warm-up curves that do not end while a JVM
 * server's JIT compilers are busy ({@link JitMeter}), and the pacers' threads with 1 ns of timer
 * slack ({@link TimerSlack}). {@link JfrTop} reads the JFR recordings of {@code --profile}.
 * Without them the suite runs its plain method: warm-up curves end on the flat-rate rule alone,
 * pacers keep the kernel's default timer slack, and the report has no stall line.
 */
public final class Diagnostics {

    /** None: the plain method. */
    public static final Diagnostics OFF = new Diagnostics(false, Duration.ZERO);

    private final boolean on;
    private final Duration stallProbe;

    private Diagnostics(boolean on, Duration stallProbe) {
        this.on = on;
        this.stallProbe = stallProbe;
    }

    /** All of them, each stall probe running {@code stallProbe} ({@code 0}: no probe). */
    public static Diagnostics on(Duration stallProbe) {
        return new Diagnostics(true, stallProbe);
    }

    /** Whether they are on. */
    public boolean enabled() {
        return on;
    }

    /**
     * The share of a core {@code server}'s JIT compilers used since the previous reading (NaN on the
     * first reading, for a server that is not a HotSpot JVM, and when the diagnostics are off).
     */
    public DoubleSupplier jitShare(Proc server) {
        return on ? new JitMeter(server)::share : () -> Double.NaN;
    }

    /** What a pacer's thread runs before its first send: 1 ns of timer slack when on. */
    public Runnable pacerThread() {
        return on ? TimerSlack::tighten : () -> { };
    }

    /** For the report's header: what was on. */
    public String describe() {
        return on ? "- Diagnostics (`--diagnostics`): warm-up curves end only once a JVM server's JIT is idle (JIT meter); "
                + "pacer threads with 1 ns of timer slack; machine stalls probed before the suite."
                : "- Diagnostics: off (no JIT meter in the warm-up, the kernel's default timer slack, no stall probe).";
    }

    /**
     * The machine's stalls, probed before any load: the server's CPUs busy alone, then every CPU
     * of the run busy at once (as under load); lines for the report's header (none when off).
     *
     * @param serverCpus    the servers' CPUs ({@code taskset -c} list), or null where they are not pinned
     * @param generatorCpus the generator's CPUs, as {@code /proc} lists them
     */
    public List<String> stalls(String serverCpus, String generatorCpus) {
        if (!on || stallProbe.isZero()) {
            return List.of();
        }
        List<String> alone = serverCpus == null ? List.of() : List.of(serverCpus);
        List<String> together = serverCpus == null ? List.of("", "") : List.of(generatorCpus, serverCpus);
        List<String> names = serverCpus == null ? List.of("one", "the other") : List.of("CPU " + generatorCpus, "CPU " + serverCpus);
        List<Stalls> one;
        List<Stalls> both;
        try {
            one = Stalls.onCpus(alone, stallProbe);
            both = Stalls.onCpus(together, stallProbe);
        } catch (IOException e) {
            return List.of("- Machine stalls: not probed (" + e.getMessage() + ").");
        }
        return List.of("- Machine stalls (a thread doing nothing but read the clock, " + stallProbe.toMillis()
                + " ms a probe; the floor under every latency here): " + (serverCpus == null ? "one CPU" : "CPU " + serverCpus)
                + " busy alone: " + one.get(0).describe() + "; " + (serverCpus == null ? "two" : "CPUs " + generatorCpus + " and " + serverCpus)
                + " busy at once, as under load: " + names.get(0) + " " + both.get(0).describe() + ", " + names.get(1) + " "
                + both.get(1).describe() + ".");
    }
}
