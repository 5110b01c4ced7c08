package io.natter.bench.diagnostics;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The machine's own latency floor: a thread that does nothing but read the clock sees a gap
 * wherever it was not running (the hypervisor ran something else, an interrupt, another task).
 * No server can answer faster than the CPU it runs on is given to it, so a p99 goal is read
 * beside how much of the time this machine takes away in gaps, and how long they are.
 *
 * <p>{@link #onCpus} runs the probe as child JVMs pinned with {@code taskset}, one per CPU, all
 * at once: on the 2-vCPU machines here, gaps of 1-2 ms are rare with one vCPU busy and common
 * with both busy, which is how every load of the suite runs.
 *
 * @param seconds      how long the probe ran
 * @param over100us    gaps of 100 µs or more
 * @param over1ms      gaps of 1 ms or more
 * @param longestNanos the longest gap
 * @param lostNanos    the time spent in gaps of 100 µs or more
 */
public record Stalls(double seconds, long over100us, long over1ms, long longestNanos, long lostNanos) {

    private static final long SHORT = 100_000;
    private static final long LONG = 1_000_000;

    /** Reads the clock on this thread for {@code length}, after {@code settle} not counted (the loop's JIT). */
    public static Stalls probe(Duration settle, Duration length) {
        return probe(System::nanoTime, settle.toNanos(), length.toNanos());
    }

    /** {@link #probe(Duration, Duration)} on the given clock (ns). */
    static Stalls probe(LongSupplier clock, long settleNanos, long lengthNanos) {
        long prev = clock.getAsLong();
        long begin = prev + settleNanos;
        long end = begin + lengthNanos;
        long over100us = 0;
        long over1ms = 0;
        long longest = 0;
        long lost = 0;
        for (long now = prev; now < end; now = clock.getAsLong()) {
            long gap = now - prev;
            prev = now;
            if (gap >= SHORT && now > begin) {
                over100us++;
                lost += gap;
                if (gap >= LONG) {
                    over1ms++;
                }
                longest = Math.max(longest, gap);
            }
        }
        return new Stalls(lengthNanos / 1e9, over100us, over1ms, longest, lost);
    }

    /** The share of the time lost in gaps of 100 µs or more. */
    public double lostShare() {
        return lostNanos / (seconds * 1e9);
    }

    /** The probe's output line (what a child JVM prints). */
    String line() {
        return String.format(Locale.ROOT, "%.3f %d %d %d %d", seconds, over100us, over1ms, longestNanos, lostNanos);
    }

    static Stalls parse(String line) {
        String[] f = line.trim().split(" ");
        return new Stalls(Double.parseDouble(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]));
    }

    /** For a report: "gaps ≥ 1 ms: 3 in 2 s (≥ 100 µs: 52), longest 1.8 ms, 0.41% of the time lost". */
    public String describe() {
        String length = seconds == Math.rint(seconds) ? String.format(Locale.ROOT, "%.0f", seconds)
                : String.format(Locale.ROOT, "%.2f", seconds);
        return String.format(Locale.ROOT, "gaps ≥ 1 ms: %d in %s s (≥ 100 µs: %d), longest %s, %.2f%% of the time lost",
                over1ms, length, over100us, longestNanos >= LONG ? String.format(Locale.ROOT, "%.1f ms", longestNanos / 1e6)
                        : (longestNanos / 1000) + " µs", 100 * lostShare());
    }

    /**
     * Probes each of {@code cpus} at the same time, each in a child JVM pinned to it (unpinned,
     * one child, where {@code cpus} is empty); the probes' results in the order of {@code cpus}.
     */
    public static List<Stalls> onCpus(List<String> cpus, Duration length) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        for (String cpu : cpus.isEmpty() ? List.of("") : cpus) {
            List<String> command = new ArrayList<>();
            if (!cpu.isEmpty()) {
                command.addAll(List.of("taskset", "-c", cpu));
            }
            command.addAll(List.of(java, "-XX:ActiveProcessorCount=1", "-XX:+UseSerialGC", "-Xmx32m",
                    "-cp", System.getProperty("java.class.path"), Stalls.class.getName(), Long.toString(length.toMillis())));
            children.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        List<Stalls> results = new ArrayList<>();
        try {
            for (Process p : children) {
                String out = new String(p.getInputStream().readAllBytes()).trim();
                if (!p.waitFor(length.toMillis() + 30_000, TimeUnit.MILLISECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                    throw new IOException("stall probe failed (exit " + (p.isAlive() ? "none" : p.exitValue()) + "): " + out);
                }
                results.add(parse(out.lines().reduce((a, b) -> b).orElseThrow()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        return results;
    }

    /** Child JVM: probes for the given milliseconds after half a second of JIT warm-up, prints {@link #line()}. */
    public static void main(String[] args) {
        System.out.println(probe(Duration.ofMillis(500), Duration.ofMillis(Long.parseLong(args[0]))).line());
    }
}
