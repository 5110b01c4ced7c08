package io.natter.bench.diagnostics;

import io.natter.bench.measure.Proc;

import java.io.IOException;
import java.nio.file.Files;

/**
 * How busy a JVM's JIT compilers are: the share of one core its compiler threads used between two
 * readings. A server pinned to one core compiles on the core it serves from, so a load measured
 * while its compilers run measures them too.
 */
public final class JitMeter {

    private final Proc process;
    private long lastRun = -1;
    private long lastAt;

    /** A meter of {@code process}'s compiler threads. */
    public JitMeter(Proc process) {
        this.process = process;
    }

    /**
     * The compiler threads' share of a core since the previous call (0.5: half a core), or NaN on
     * the first call and where the process has no compiler threads to read (not a HotSpot JVM).
     */
    public double share() {
        long run = process == null ? -1 : compilerRunNanos(process);
        long at = System.nanoTime();
        double share = run < 0 || lastRun < 0 || at == lastAt ? Double.NaN : (double) (run - lastRun) / (at - lastAt);
        lastRun = run;
        lastAt = at;
        return share;
    }

    /**
     * Nanoseconds the JVM's JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…})
     * of {@code process} have run so far, or -1 where it has none (not a HotSpot JVM) or is gone.
     */
    public static long compilerRunNanos(Proc process) {
        boolean[] found = new boolean[1];
        long sum = process.runNanos(task -> {
            try {
                String name = Files.readString(task.resolve("comm"));
                boolean compiler = name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
                found[0] |= compiler;
                return compiler;
            } catch (IOException e) {
                return false;
            }
        });
        return found[0] ? sum : -1;
    }
}
