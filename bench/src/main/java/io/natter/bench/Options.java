package io.natter.bench;

import io.natter.bench.diagnostics.Diagnostics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The suite's settings, from the command line ({@code --name value}); defaults are the full run.
 *
 * <p>{@code --quick} is a short run (one pass, 10 subscribers, 1,000 idle sessions) for checking
 * the harness, not for figures.
 */
public final class Options {

    Path repo = Path.of(".").toAbsolutePath().normalize();
    int passes = 3;
    List<String> targets = List.of("natter", "relay", "jawampa", "fox-wamp", "wamp.rt");
    List<String> wires = List.of("json", "msgpack");
    List<Integer> fanouts = List.of(10, 100, 1000);
    List<Integer> payloads = List.of(64, 1024);
    List<Integer> callers = List.of(1, 4, 16);
    int rpcPayload = 64;
    int sessions = 10_000;
    int handshakes = 256;
    List<String> scenarios = List.of("pubsub", "rpc", "auth", "sessions");
    double pubsubLatencyLoad = 0.2;
    double rpcLatencyLoad = 0.5;
    Duration warmup = Duration.ofMillis(100);
    Duration measure = Duration.ofMillis(800);
    /** Whether the diagnostics run ({@code --diagnostics}; {@link Diagnostics}). */
    boolean diagnostics;
    /** How long each stall probe of the machine runs before the suite, with the diagnostics ({@code 0}: none). */
    Duration stallProbe = Duration.ofMillis(1500);
    /** Cores for the servers ({@code taskset -c} list), or null for no pinning. */
    String serverCpus = "1";
    List<String> jvmOptions;
    Path out;
    Path readme;
    String command = "bin/bench";
    /** A run's rows ({@code bench-<time>.json}) to render again with this code's report, instead of running. */
    Path render;
    /** Whether JVM servers record a JFR profile (settings=profile) into {@code out/jfr}. */
    boolean profile;
    /** The JFR settings of {@link #profile}: a JDK settings name or a {@code .jfc} file. */
    String profileSettings = "profile";

    /** The diagnostics this run asked for ({@link Diagnostics#OFF} unless {@code --diagnostics}). */
    Diagnostics diagnostics() {
        return diagnostics ? Diagnostics.on(stallProbe) : Diagnostics.OFF;
    }

    /**
     * The pub/sub latency window, 5/8 of {@link #measure} (500 ms in a full run): even 1 KiB to
     * 10 subscribers at 20% of saturation delivers tens of thousands of events in it, and the full
     * run must fit its 15 minutes on a noisy machine. RPC latency keeps the whole window: one
     * caller's 4k calls a second are few.
     */
    Duration pubsubLatencyMeasure() {
        return measure.multipliedBy(5).dividedBy(8);
    }

    /** Parses {@code args}; unknown options are an error. */
    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--quick")) {
                o.passes = 1;
                o.fanouts = List.of(10);
                o.payloads = List.of(64);
                o.callers = List.of(4);
                o.sessions = 1000;
                o.warmup = Duration.ofMillis(300);
                o.measure = Duration.ofMillis(700);
                o.stallProbe = Duration.ofMillis(500);
                continue;
            }
            if (a.equals("--diagnostics")) {
                o.diagnostics = true;
                continue;
            }
            if (a.equals("--profile")) {
                o.profile = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--repo" -> o.repo = Path.of(v).toAbsolutePath().normalize();
                case "--passes" -> o.passes = Integer.parseInt(v);
                case "--targets" -> o.targets = List.of(v.split(","));
                case "--wires" -> o.wires = List.of(v.split(","));
                case "--fanouts" -> o.fanouts = ints(v);
                case "--payloads" -> o.payloads = ints(v);
                case "--callers" -> o.callers = ints(v);
                case "--sessions" -> o.sessions = Integer.parseInt(v);
                case "--handshakes" -> o.handshakes = Integer.parseInt(v);
                case "--scenarios" -> o.scenarios = List.of(v.split(","));
                case "--warmup" -> o.warmup = Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
                case "--measure" -> o.measure = Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
                case "--server-cpus" -> o.serverCpus = v.equals("none") ? null : v;
                case "--jvm-options" -> o.jvmOptions = List.of(v.trim().split("\\s+"));
                case "--stall-probe" -> o.stallProbe = Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
                case "--out" -> o.out = Path.of(v).toAbsolutePath();
                case "--readme" -> o.readme = Path.of(v).toAbsolutePath();
                case "--command" -> o.command = v;
                case "--render" -> o.render = Path.of(v).toAbsolutePath();
                case "--profile-settings" -> {
                    o.profile = true;
                    o.profileSettings = v;
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (o.out == null) {
            o.out = o.repo.resolve("bench/results");
        }
        if (o.jvmOptions == null) {
            o.jvmOptions = defaultJvmOptions(o.serverCpus);
        }
        return o;
    }

    /**
     * The JVM servers' options: processors as many as they are pinned to, SerialGC (what a JVM
     * picks by itself on one core; named so the table says it), 1 GiB heap at most.
     */
    static List<String> defaultJvmOptions(String serverCpus) {
        List<String> opts = new ArrayList<>();
        if (serverCpus != null) {
            opts.add("-XX:ActiveProcessorCount=" + io.natter.bench.measure.Proc.countCpusOf(serverCpus));
            opts.add("-XX:+UseSerialGC");
        } else {
            opts.add("-XX:+UseParallelGC");
        }
        opts.add("-Xmx1g");
        return opts;
    }

    private static List<Integer> ints(String v) {
        return Arrays.stream(v.split(",")).map(Integer::parseInt).toList();
    }
}
