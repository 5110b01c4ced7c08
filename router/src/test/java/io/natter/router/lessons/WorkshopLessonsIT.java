package io.natter.router.lessons;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the PHP Yorkshire workshop's lessons 2, 4 and 5 against the packaged router, as
 * the workshop's browser and PHP worker drive Crossbar.io: each test starts
 * {@code target/quarkus-app/quarkus-run.jar} as its own process with one of the workshop's
 * configs ({@code src/test/resources/lessons/*.json}, unchanged but for the ports, which are
 * free ones picked here), starts the authenticator worker ({@code lessons/authenticator.js})
 * where the lesson has one, and runs the browser-side Autobahn|JS script, which prints one
 * line per passed check and exits 0 only when all passed. Every process is stopped after each
 * test, also when it fails; the outputs stay in {@code target/lessons/}.
 */
class WorkshopLessonsIT {

    /** A script's own watchdog fails it after 60 s; this only catches a hung Node process. */
    private static final long SCRIPT_TIMEOUT_SECONDS = 90;
    private static final Duration ROUTER_START = Duration.ofSeconds(40);
    private static final Duration WORKER_START = Duration.ofSeconds(20);
    private static final Duration STOP = Duration.ofSeconds(10);

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path JAR = MODULE.resolve(Path.of("target", "quarkus-app", "quarkus-run.jar"));
    private static final Path SCRIPT_DIR = MODULE.resolve(Path.of("src", "test", "js"));
    private static final Path CONFIG_DIR = MODULE.resolve(Path.of("src", "test", "resources", "lessons"));
    private static final Path LOG_DIR = MODULE.resolve(Path.of("target", "lessons"));

    /** The internal transport's secret, as the seed's guest worker entry passes it. */
    private static final String WORKER_SECRET = "authenticator-kZ%3g@JR1oXb";

    private final Deque<Running> processes = new ArrayDeque<>();
    private String testName;

    private record Running(String name, Process process, Path log) {}

    /** A router started for one test: its public WebSocket URL and its internal transport URL. */
    private record Router(String publicUrl, String internalUrl, Path log) {}

    @BeforeEach
    void name(TestInfo info) throws IOException {
        String method = info.getTestMethod().map(m -> m.getName()).orElse("test");
        String display = info.getDisplayName();
        testName = (display.equals(method + "()") ? method : method + "-" + display).replaceAll("[^A-Za-z0-9.-]+", "_");
        Files.createDirectories(LOG_DIR);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        while (!processes.isEmpty()) {
            stop(processes.pop());
        }
    }

    // ------------------------------------------------------------------------------------------
    // Lesson 2: realms yorkshire and lancashire, ticket then WAMP-CRA (plain and salted)
    // ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "lesson 2 ticket over wamp.2.{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void lesson2Ticket(String serializer) throws Exception {
        Router router = startRouter("lesson2-ticket.json");
        runScript("lesson2", router, serializer, "ticket");
    }

    @ParameterizedTest(name = "lesson 2 wampcra over wamp.2.{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void lesson2Wampcra(String serializer) throws Exception {
        Router router = startRouter("lesson2-wampcra.json");
        runScript("lesson2", router, serializer, "wampcra");
    }

    @ParameterizedTest(name = "lesson 2 wampcra with a salted secret over wamp.2.{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void lesson2WampcraSalted(String serializer) throws Exception {
        Router router = startRouter("lesson2-wampcra-salted.json");
        runScript("lesson2", router, serializer, "salted");
    }

    // ------------------------------------------------------------------------------------------
    // Lesson 4: internal transport, dynamic authenticator and authorizer
    // ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "lesson 4 over wamp.2.{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void lesson4(String serializer) throws Exception {
        Router router = startRouter("lesson4.json");
        runScript("lesson4", router, serializer, "no-authenticator");
        startAuthenticator(router, "lesson4");
        runScript("lesson4", router, serializer, "main");
    }

    // ------------------------------------------------------------------------------------------
    // Lesson 5: the listener's meta events and publisher identification
    // ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "lesson 5 over wamp.2.{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void lesson5(String serializer) throws Exception {
        Router router = startRouter("lesson5.json");
        startAuthenticator(router, "lesson5");
        runScript("lesson5", router, serializer, null);
    }

    // ------------------------------------------------------------------------------------------
    // Failure paths
    // ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "failing authenticators and authorizers over wamp.2.{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void failingAuthenticatorsAndAuthorizers(String serializer) throws Exception {
        Router router = startRouter("failures.json");
        runScript("failures", router, serializer, "auth");
    }

    @Test
    void origins() throws Exception {
        Router router = startRouter("origins.json");
        runScript("failures", router, "json", "origin");
    }

    @Test
    void originsRefuseUpgradesWithoutOriginUnlessConfigured() throws Exception {
        Router router = startRouter("origins.json");
        runScript("failures", router, "json", "no-origin");
    }

    // ------------------------------------------------------------------------------------------
    // Processes
    // ------------------------------------------------------------------------------------------

    /**
     * Starts the packaged router with a copy of the workshop config in which the public port
     * 8080 and the internal port 9001 are replaced by free ports, and waits until it is ready.
     */
    private Router startRouter(String configName) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            fail("the packaged router is missing: " + JAR + " (run the package phase first, e.g. ./mvnw -pl router -am verify)");
        }
        int publicPort = freePort();
        int internalPort = freePort();
        String config = Files.readString(CONFIG_DIR.resolve(configName), StandardCharsets.UTF_8);
        String ported = replacePort(replacePort(config, 8080, publicPort), 9001, internalPort)
                .replace("ws://127.0.0.1:9001", "ws://127.0.0.1:" + internalPort);
        Path configCopy = LOG_DIR.resolve(testName + "-" + configName);
        Files.writeString(configCopy, ported, StandardCharsets.UTF_8);

        Path log = LOG_DIR.resolve(testName + "-router.log");
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", JAR.toString())
                .directory(MODULE.resolve("target").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("NATTER_ROUTER_CONFIG", configCopy.toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(publicPort));
        Running router = track("router", builder.start(), log);

        awaitReady(router, publicPort);
        if (!replacePort(config, 9001, internalPort).equals(config)) {
            awaitListening(router, internalPort);
        }
        return new Router("ws://127.0.0.1:" + publicPort + "/ws", "ws://127.0.0.1:" + internalPort, log);
    }

    /** Starts the workshop's worker with the arguments of the seed's guest worker entry; waits for "ready". */
    private void startAuthenticator(Router router, String lesson) throws Exception {
        Path log = LOG_DIR.resolve(testName + "-authenticator.log");
        Process process = new ProcessBuilder(node(), "--experimental-websocket", "lessons/authenticator.js",
                router.internalUrl(), "yorkshire", "authenticator", WORKER_SECRET, lesson)
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Running worker = track("authenticator", process, log);
        long deadline = System.nanoTime() + WORKER_START.toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (output.lines().anyMatch("ready"::equals)) {
                return;
            }
            if (!process.isAlive()) {
                fail("the authenticator worker exited with " + process.exitValue() + " before it was ready:\n" + output
                        + "\n--- router log ---\n" + tail(router.log()));
            }
            Thread.sleep(100);
        }
        fail("the authenticator worker was not ready within " + WORKER_START.toSeconds() + " s:\n" + tail(worker.log())
                + "\n--- router log ---\n" + tail(router.log()));
    }

    /** Runs {@code lessons/<script>.js} and fails with its output (and the router's) unless it exits 0. */
    private void runScript(String script, Router router, String serializer, String part) throws Exception {
        if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules").resolve("autobahn"))) {
            fail("Autobahn|JS is not installed: run 'npm ci' in " + SCRIPT_DIR
                    + " (the Maven build does so in generate-test-resources)");
        }
        List<String> command = new ArrayList<>(List.of(node(), "--experimental-websocket", "lessons/" + script + ".js",
                router.publicUrl(), serializer));
        if (part != null) {
            command.add(part);
        }
        Path log = LOG_DIR.resolve(testName + "-" + script + (part == null ? "" : "-" + part) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("NATTER_INTERNAL_WS_URL", router.internalUrl());
        Running running = track(script, builder.start(), log);

        boolean finished = running.process().waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.print(output);
        String what = script + (part == null ? "" : " (" + part + ")") + " over " + serializer;
        if (!finished) {
            fail(what + " did not finish within " + SCRIPT_TIMEOUT_SECONDS + " s:\n" + output + "\n--- router log ---\n" + tail(router.log()));
        }
        int exit = running.process().exitValue();
        if (exit != 0) {
            fail(what + " failed (exit " + exit + "):\n" + output + "\n--- router log ---\n" + tail(router.log()));
        }
    }

    private Running track(String name, Process process, Path log) {
        Running running = new Running(name, process, log);
        processes.push(running);
        return running;
    }

    private static void stop(Running running) throws InterruptedException {
        Process process = running.process();
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
        if (process.isAlive()) {
            fail(running.name() + " (pid " + process.pid() + ") did not stop");
        }
    }

    private static void awaitReady(Running router, int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + ROUTER_START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!router.process().isAlive()) {
                fail("the router exited with " + router.process().exitValue() + " during start-up:\n" + tail(router.log()));
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("the router was not ready within " + ROUTER_START.toSeconds() + " s:\n" + tail(router.log()));
    }

    private static void awaitListening(Running router, int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        fail("the router is ready but its internal transport does not listen on 127.0.0.1:" + port + ":\n" + tail(router.log()));
    }

    /** Replaces {@code "port": <from>} (any spacing) by the given port. */
    static String replacePort(String config, int from, int to) {
        Matcher matcher = Pattern.compile("(\"port\"\\s*:\\s*)" + from + "\\b").matcher(config);
        return matcher.replaceAll("$1" + to);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String node() {
        return findNode().orElseGet(() -> fail("node is not on the PATH: the lesson tests need Node.js 20 or newer")).toString();
    }

    private static Optional<Path> findNode() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "node"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
