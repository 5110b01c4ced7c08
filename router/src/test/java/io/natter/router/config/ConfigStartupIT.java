package io.natter.router.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the packaged router ({@code target/quarkus-app/quarkus-run.jar}) as its own process with a
 * config file: a wrong one stops it with status 1 and one line naming the JSON path, no stack
 * trace; a right one puts the transports where the file says, under {@code QUARKUS_HTTP_PORT}.
 */
class ConfigStartupIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void unknownKeyStopsTheStartWithOneLine() throws Exception {
        Path config = write("""
                {"workers": [{"type": "router", "realms": [{"name": "r", "roles": [{"name": "anonymous", "permisions": []}]}],
                  "transports": [{"type": "web", "endpoint": {"type": "tcp", "port": 8080}, "paths": {"ws": {"type": "websocket"}}}]}]}""");

        Result result = run(config, Map.of());

        assertThat(result.exit).isEqualTo(1);
        assertThat(result.output).contains("config.json: workers[0].realms[0].roles[0].permisions: unknown key");
        assertNoStackTrace(result);
    }

    @Test
    void missingEnvironmentVariableStopsTheStartWithoutShowingValues() throws Exception {
        Path config = write("""
                {"workers": [{"type": "router", "realms": [{"name": "r", "roles": [{"name": "notifier"}]}],
                  "transports": [{"type": "websocket", "endpoint": {"type": "tcp", "port": 0, "interface": "127.0.0.1"},
                    "auth": {"wampcra": {"type": "static", "users": {"notifier": {"secret": "${NATTER_TEST_UNSET_SECRET}", "role": "notifier"}}}}}]}]}""");

        Result result = run(config, Map.of("NATTER_TEST_OTHER", "do-not-print-me"));

        assertThat(result.exit).isEqualTo(1);
        assertThat(result.output).contains("config.json: workers[0].transports[0].auth.wampcra.users.notifier.secret: "
                + "environment variable NATTER_TEST_UNSET_SECRET is not set");
        assertThat(result.output).doesNotContain("do-not-print-me");
        assertNoStackTrace(result);
    }

    @Test
    void transportsListenWhereTheFileSaysAndTheEnvironmentOverridesTheWebPort() throws Exception {
        int filePort = freePort();
        int envPort = freePort();
        int internalPort = freePort();
        Path config = write("""
                {"workers": [{"type": "router", "realms": [{"name": "r", "roles": [{"name": "anonymous"}, {"name": "worker"}]}],
                  "transports": [
                    {"type": "web", "endpoint": {"type": "tcp", "port": %d}, "paths": {"ws": {"type": "websocket"}}},
                    {"type": "websocket", "endpoint": {"type": "tcp", "port": %d, "interface": "127.0.0.1"},
                     "auth": {"anonymous": {"type": "static", "role": "worker"}}}]}]}""".formatted(filePort, internalPort));

        Process process = start(config, Map.of("QUARKUS_HTTP_PORT", Integer.toString(envPort)));
        try {
            List<String> lines = new ArrayList<>();
            var reader = process.inputReader(StandardCharsets.UTF_8);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            String line;
            while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
                lines.add(line);
                if (line.contains("Listening on")) {
                    break;
                }
            }
            String output = String.join("\n", lines);
            assertThat(output).contains("Listening on: http://0.0.0.0:" + envPort);
            assertThat(output).contains("websocket transport workers[0].transports[1] listening on 127.0.0.1:" + internalPort);
        } finally {
            process.destroy();
            process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static void assertNoStackTrace(Result result) {
        assertThat(result.output.lines().filter(l -> l.startsWith("\tat ") || l.contains("Exception:")).toList())
                .as("stack trace lines in:%n%s", result.output).isEmpty();
    }

    private Path write(String json) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return file;
    }

    private Process start(Path config, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.host=0.0.0.0", "-jar", JAR.toString()).redirectErrorStream(true);
        builder.environment().remove("QUARKUS_HTTP_PORT");
        builder.environment().put("NATTER_ROUTER_CONFIG", config.toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    private Result run(Path config, Map<String, String> env) throws Exception {
        Process process = start(config, env);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the router did not stop within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Result(int exit, String output) {
    }
}
