package io.natter.bench.target;

import io.natter.bench.measure.Proc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target running as its own process, optionally pinned to some cores with {@code taskset}
 * (which execs, so the process we start is the server itself and its {@code /proc} readings are
 * the server's). Output goes to a log file.
 */
public final class Server implements AutoCloseable {

    private static final Pattern NODE_HEAP = Pattern.compile("BENCH_HEAP \\{\"heapUsed\":(\\d+)");

    private final TargetSpec spec;
    private final Process process;
    private final Proc proc;
    private final int port;
    private final Path log;

    private Server(TargetSpec spec, Process process, int port, Path log) {
        this.spec = spec;
        this.process = process;
        this.proc = new Proc(process.pid());
        this.port = port;
        this.log = log;
    }

    /** Starts {@code spec} on a free port, pinned to {@code cpus} ({@code taskset -c} syntax) unless null. */
    public static Server start(TargetSpec spec, String cpus, Path log) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        spec.command().forEach(part -> command.add(part.replace("{port}", Integer.toString(port))));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = new HashMap<>();
        spec.env().forEach((k, v) -> env.put(k, v.replace("{port}", Integer.toString(port))));
        pb.environment().putAll(env);
        Files.createDirectories(log.getParent());
        return new Server(spec, pb.start(), port, log);
    }

    /** Waits until the port accepts connections; fails with the log's tail if the process dies. */
    public void awaitPort(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with " + process.exitValue() + ": " + logTail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                sleep(50);
            }
        }
        throw new IllegalStateException(spec.name() + " did not listen on " + port + " within " + timeout + ": " + logTail());
    }

    /** The target. */
    public TargetSpec spec() {
        return spec;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Its {@code /proc} readings. */
    public Proc proc() {
        return proc;
    }

    /** Whether it still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /**
     * Heap in use right after a full collection, in bytes: for a JVM, {@code jcmd GC.run} then the
     * used space of every generation from {@code jstat -gc}; for Node, {@code heapUsed} after
     * {@code gc()}, reported by our launcher on SIGUSR2. Empty if it cannot be read.
     */
    public OptionalLong heapAfterGc() {
        try {
            return spec.jvm() ? jvmHeap() : nodeHeap();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private OptionalLong jvmHeap() throws IOException {
        run("jcmd", Long.toString(proc.pid()), "GC.run");
        String[] lines = run("jstat", "-gc", Long.toString(proc.pid())).trim().split("\n");
        String[] names = lines[lines.length - 2].trim().split("\\s+");
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        double kb = 0;
        for (int i = 0; i < names.length && i < values.length; i++) {
            if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
                kb += Double.parseDouble(values[i]);
            }
        }
        return OptionalLong.of((long) (kb * 1024));
    }

    private OptionalLong nodeHeap() throws IOException {
        long before = countMatches();
        run("kill", "-USR2", Long.toString(proc.pid()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Matcher m = NODE_HEAP.matcher(Files.readString(log));
            long n = 0;
            long last = -1;
            while (m.find()) {
                n++;
                last = Long.parseLong(m.group(1));
            }
            if (n > before) {
                return OptionalLong.of(last);
            }
            sleep(50);
        }
        return OptionalLong.empty();
    }

    private long countMatches() throws IOException {
        return NODE_HEAP.matcher(Files.readString(log)).results().count();
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The last lines of its log, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Stops it: SIGTERM, then SIGKILL after 5 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
