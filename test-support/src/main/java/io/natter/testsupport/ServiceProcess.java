package io.natter.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Quarkus service ({@link PackagedApp}) run as a process of its own: its environment,
 * its log file (appended to across restarts, each start and kill marked) and its readiness,
 * {@code GET /q/health/ready} on its HTTP port answering 200.
 *
 * <p>The process is started with {@link #start()} and waited for with {@link #awaitReady}; it can
 * be killed with SIGKILL ({@link #kill()}), frozen ({@link #freeze()}, SIGSTOP) and started again
 * on the same ports with the same environment, which is how fault tests take a service away.
 * The environment is only what the builder was given: the test JVM's own {@code NATTER_*} and
 * {@code QUARKUS_*} variables are not passed on. Not thread-safe beyond its synchronized
 * start/kill/stop: a test drives it from its own thread.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Two cores run several services and the tests: a small heap, one GC thread, C1 only. */
    public static final List<String> TEST_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dquarkus.console.color=false");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final PackagedApp app;
    private final Map<String, String> environment;
    private final int httpPort;
    private final Path logFile;
    private final Path workDir;
    private final List<String> jvmOptions;
    private Process process;

    private ServiceProcess(Builder b) {
        this.name = b.name;
        this.app = b.app;
        this.environment = Map.copyOf(b.environment);
        this.httpPort = b.httpPort;
        this.logFile = Objects.requireNonNull(b.logFile, "logFile").toAbsolutePath();
        this.workDir = b.workDir;
        this.jvmOptions = List.copyOf(b.jvmOptions);
    }

    /** A service called {@code name} (in failure messages and log markers) run from {@code app}. */
    public static Builder builder(String name, PackagedApp app) {
        return new Builder(name, app);
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Starts the process (it must not be running) and returns at once; see {@link #awaitReady}. */
    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        app.requirePresent();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", app.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("NATTER_") || key.startsWith("QUARKUS_"));
        env.putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            mark("starting");
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** {@link #start()}, then {@link #awaitReady(Duration)}. */
    public void start(Duration timeout) {
        start();
        awaitReady(timeout);
    }

    /**
     * Waits until {@code /q/health/ready} answers 200; fails at once when the process exits, and
     * after {@code timeout}, both times with the end of the log in the message.
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException(name + " exited (status " + (p == null ? "never started" : p.exitValue())
                        + ") before it was ready; end of " + logFile + ":\n" + tail(40));
            }
            lastStatus = readyStatus();
            if (lastStatus == 200) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s (" + readyUrl()
                + " last answered " + lastStatus + "); end of " + logFile + ":\n" + tail(40));
    }

    /** Whether {@code /q/health/ready} answers 200 now. */
    public boolean isReady() {
        return readyStatus() == 200;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The process's id; a test checks with it that a service was not restarted behind its back. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    /** The body of {@code GET path} on the service's HTTP port ("" when it cannot be read). */
    public String get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** SIGKILL, as a crash: nothing is flushed or closed. Returns once the process is gone. */
    public synchronized void kill() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        if (!waitFor(Duration.ofSeconds(10))) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") did not die within 10 s of SIGKILL");
        }
        mark("killed (SIGKILL) by the test");
    }

    /** Freezes the process ({@code kill -STOP}): it keeps its sockets but answers nothing. */
    public void freeze() {
        signal("STOP");
    }

    /** Resumes a frozen process ({@code kill -CONT}). */
    public void thaw() {
        signal("CONT");
    }

    /** SIGTERM (after SIGCONT, in case it is frozen) and up to 10 s to shut down cleanly, then SIGKILL. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            thaw();
        } catch (IllegalStateException e) {
            // gone meanwhile
        }
        process.destroy();
        if (!waitFor(Duration.ofSeconds(10))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(5));
        }
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private URI readyUrl() {
        return URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready");
    }

    private int readyStatus() {
        try {
            HttpRequest request = HttpRequest.newBuilder(readyUrl()).timeout(Duration.ofSeconds(1)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name, e);
        }
    }

    private void signal(String signal) {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void mark(String what) {
        try {
            Files.writeString(logFile, "===== test: " + name + " " + what + " at " + Instant.now() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the marker only helps reading the log
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

    @Override
    public String toString() {
        return name + (isAlive() ? " (pid " + process.pid() + ")" : " (not running)");
    }

    /** What a {@link ServiceProcess} runs with; {@link #httpPort} and {@link #logFile} are required. */
    public static final class Builder {

        private final String name;
        private final PackagedApp app;
        private final Map<String, String> environment = new HashMap<>();
        private int httpPort = -1;
        private Path logFile;
        private Path workDir;
        private List<String> jvmOptions = TEST_JVM_OPTIONS;

        private Builder(String name, PackagedApp app) {
            this.name = Objects.requireNonNull(name, "name");
            this.app = Objects.requireNonNull(app, "app");
        }

        /** Adds variables to the environment (the only ones the process gets besides the OS's own). */
        public Builder env(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        public Builder env(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        /** The port of {@code /q/health/ready} (on 127.0.0.1). */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** Where the process's stdout and stderr are appended. */
        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        /** The working directory (default: the test JVM's). */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** The JVM's options (default {@link #TEST_JVM_OPTIONS}: quick to start, not to run fast). */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        public ServiceProcess build() {
            if (httpPort <= 0) {
                throw new IllegalStateException(name + ": httpPort is required");
            }
            return new ServiceProcess(this);
        }
    }
}
