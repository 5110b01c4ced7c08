package io.natter.router.interop;

import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.http.TestHTTPResource;
import io.natter.router.it.OpenRealm1;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives the packaged router, running as its own process, with Autobahn|JS: one Node script
 * per scenario group in {@code src/test/js}, each run once per serializer. A script prints one
 * line per passed check and exits 0 only when all of them passed; its output is kept in
 * {@code target/interop/} and shown here when it fails. One test method per script, so that a
 * router gap can be marked on the group it concerns.
 */
@QuarkusIntegrationTest
@TestProfile(OpenRealm1.class)
class AutobahnInteropIT {

    private static final Path SCRIPT_DIR = Path.of("src", "test", "js").toAbsolutePath();
    private static final Path LOG_DIR = Path.of("target", "interop").toAbsolutePath();

    @TestHTTPResource("/ws")
    URI endpoint;

    @ParameterizedTest(name = "realm over wamp.2.{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void realm(String serializer) throws IOException, InterruptedException {
        run("realm", serializer);
    }

    @ParameterizedTest(name = "pubsub over wamp.2.{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void pubsub(String serializer) throws IOException, InterruptedException {
        run("pubsub", serializer);
    }

    @ParameterizedTest(name = "rpc over wamp.2.{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void rpc(String serializer) throws IOException, InterruptedException {
        run("rpc", serializer);
    }

    @ParameterizedTest(name = "patterns over wamp.2.{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void patterns(String serializer) throws IOException, InterruptedException {
        run("patterns", serializer);
    }

    @ParameterizedTest(name = "shared over wamp.2.{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void shared(String serializer) throws IOException, InterruptedException {
        run("shared", serializer);
    }

    @ParameterizedTest(name = "shared-conflicts over wamp.2.{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void sharedConflicts(String serializer) throws IOException, InterruptedException {
        run("shared-conflicts", serializer);
    }

    @ParameterizedTest(name = "meta over wamp.2.{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void meta(String serializer) throws IOException, InterruptedException {
        run("meta", serializer);
    }

    /** Runs {@code <script>.js} against the router and fails with its output unless it exits 0. */
    private void run(String script, String serializer) throws IOException, InterruptedException {
        Path node = findNode().orElseGet(() -> fail("node is not on the PATH: the interop tests need Node.js 20 or newer"));
        if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules").resolve("autobahn"))) {
            fail("Autobahn|JS is not installed: run 'npm ci' in " + SCRIPT_DIR
                    + " (the Maven build does so in generate-test-resources)");
        }
        // Node may resolve "localhost" to ::1 first; the router listens on IPv4.
        String url = "ws://127.0.0.1:" + endpoint.getPort() + endpoint.getPath();

        InteropScript.run(script + " over " + serializer,
                List.of(node.toString(), "--experimental-websocket", script + ".js", url, serializer),
                SCRIPT_DIR, LOG_DIR.resolve(script + "-" + serializer + ".log"));
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
