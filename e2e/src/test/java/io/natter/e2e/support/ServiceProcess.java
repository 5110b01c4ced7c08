package io.natter.e2e.support;

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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Quarkus service (a {@code quarkus-run.jar}, from the run's copy of the module's
 * {@code target/quarkus-app}) run as a process of its own, with its environment, its log file (appended to across restarts, each start
 * marked) and its readiness URL ({@code /q/health/ready}).
 *
 * <p>A process can be killed with SIGKILL ({@link #kill()}) and started again on the same ports
 * with the same environment ({@link #start()}), which is how the fault tests take a service away.
 * Not thread-safe: the tests drive it from their own thread.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private final String name;
    private final Path jar;
    private final Path workDir;
    private final Map<String, String> environment;
    private final URI readyUrl;
    private final Path logFile;
    private Process process;

    /**
     * @param environment the variables that configure it; the JVM's own {@code NATTER_*} and
     *                    {@code QUARKUS_*} variables are not passed on, so only these count
     */
    ServiceProcess(String name, Path jar, Path workDir, Map<String, String> environment, URI readyUrl, Path logFile) {
        this.name = Objects.requireNonNull(name, "name");
        this.jar = Objects.requireNonNull(jar, "jar");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.environment = Map.copyOf(environment);
        this.readyUrl = Objects.requireNonNull(readyUrl, "readyUrl");
        this.logFile = Objects.requireNonNull(logFile, "logFile");
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** Starts the process (it must not be running); returns at once, see {@link #awaitReady}. */
    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": " + jar + " is missing; build the service first: "
                    + "./mvnw -B -q -pl router,app-api,authenticator -am install -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Two cores run three services and the tests: a small heap, one GC thread, C1 only.
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.console.color=false", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("NATTER_") || key.startsWith("QUARKUS_"));
        env.putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "===== e2e: starting " + name + " at " + Instant.now() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until {@code /q/health/ready} answers 200; fails at once when the process exits, and
     * after {@code timeout}, both times with the end of the log in the message.
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(readyUrl).timeout(Duration.ofSeconds(1)).GET().build();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException(name + " exited (status " + (p == null ? "never started" : p.exitValue())
                        + ") before it was ready; end of " + logFile + ":\n" + tail(40));
            }
            try {
                HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                lastStatus = response.statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name, e);
            }
            sleep(100);
        }
        throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s (" + readyUrl
                + " last answered " + lastStatus + "); end of " + logFile + ":\n" + tail(40));
    }

    /** Whether {@code /q/health/ready} answers 200 now. */
    public boolean isReady() {
        try {
            HttpRequest request = HttpRequest.newBuilder(readyUrl).timeout(Duration.ofSeconds(1)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The running process's id; the tests check that a service was not restarted behind their back. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    /** SIGKILL, as a crash: nothing is flushed or closed. Returns once the process is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
        appendMarker("killed (SIGKILL) by the test");
    }

    /** SIGTERM and up to 10 s to shut down cleanly, then SIGKILL. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(Duration.ofSeconds(10))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(5));
        }
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

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void appendMarker(String what) {
        try {
            Files.writeString(logFile, "===== e2e: " + name + " " + what + " at " + Instant.now() + "\n",
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
}
