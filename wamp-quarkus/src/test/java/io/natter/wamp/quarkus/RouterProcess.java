package io.natter.wamp.quarkus;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real router ({@code router/target/quarkus-app/quarkus-run.jar}) as a process of its own on
 * free ports, with {@code router-test.json}: realm {@code natter}, a websocket transport with the
 * static WAMP-CRA users {@code worker} (the session under test) and {@code tester} (the test's own
 * client), both secrets random per run and handed over in the environment. It can be killed and
 * started again on the same ports.
 */
final class RouterProcess {

    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    final int wampPort = freePort();
    final int httpPort = freePort();
    final String workerSecret = randomSecret();
    final String testerSecret = randomSecret();
    private final Path jar;
    private final Path config;
    private final Path log;
    private Process process;

    RouterProcess(String name) throws IOException {
        String location = System.getProperty("natter.router.jar");
        if (location == null) {
            fail("system property natter.router.jar is not set (the module's Surefire configuration sets it)");
        }
        jar = Path.of(location).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            fail("the packaged router is missing: " + jar + " (build it first: ./mvnw -B -q -pl router -am install -DskipTests)");
        }
        Path target = Path.of("target", "router-" + name).toAbsolutePath();
        Files.createDirectories(target);
        config = target.resolve("router-test.json");
        try (var in = RouterProcess.class.getResourceAsStream("/router-test.json")) {
            Files.write(config, in.readAllBytes());
        }
        log = target.resolve("router.log");
    }

    String url() {
        return "ws://127.0.0.1:" + wampPort + "/ws";
    }

    /** Starts the router and waits until its readiness is UP and the WAMP port listens. */
    synchronized void start() throws Exception {
        if (process != null && process.isAlive()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("NATTER_ROUTER_CONFIG", config.toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("TEST_WAMP_PORT", Integer.toString(wampPort));
        env.put("TEST_WORKER_SECRET", workerSecret);
        env.put("TEST_TESTER_SECRET", testerSecret);
        process = builder.start();
        awaitReady();
    }

    /** Kills the router as a crash would (SIGKILL) and waits until it is gone. */
    synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                fail("the router did not die within 10 s");
            }
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the router exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 && listening(wampPort)) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("the router was not ready within " + START_TIMEOUT.toSeconds() + " s:\n" + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
