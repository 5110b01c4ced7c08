package io.natter.router.interop;

import static org.junit.jupiter.api.Assertions.fail;

import io.natter.router.it.PackagedRouter;
import io.natter.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives the packaged router, run as its own process on {@code config/interop-python.json}
 * (anonymous and static WAMP-CRA, one plain and one salted user), with autobahn-python: Debian's
 * {@code python3-autobahn} 22.7 under {@code /usr/bin/python3}, the script
 * {@code src/test/python/interop.py}, one group per test method and serializer. The script prints
 * one line per passed check and exits 0 only when all passed; its output is kept in
 * {@code target/interop-python/} and shown here when it fails.
 *
 * <p>Without autobahn-python the tests fail (CI installs it: {@code .ci/run}); only outside CI
 * (neither {@code CI} nor {@code NATTER_CI} set) are they skipped, with the reason.
 */
class AutobahnPythonInteropIT {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src", "test", "python", "interop.py").toAbsolutePath();
    private static final Path CONFIG = Path.of("src", "test", "resources", "config", "interop-python.json").toAbsolutePath();
    private static final Path LOG_DIR = Path.of("target", "interop-python").toAbsolutePath();

    private static ServiceProcess router;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        requireAutobahn();
        router = PackagedRouter.start("interop-python", Map.of("NATTER_ROUTER_CONFIG", CONFIG.toString(),
                "QUARKUS_HTTP_HOST", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.stop();
        }
    }

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

    private static void run(String group, String serializer) throws IOException, InterruptedException {
        String output = InteropScript.run(group + " over " + serializer,
                List.of(PYTHON.toString(), SCRIPT.toString(), group, "ws://127.0.0.1:" + router.httpPort() + "/ws", serializer),
                null, LOG_DIR.resolve(group + "-" + serializer + ".log"));
        if (!output.contains("ok - ")) {
            fail(group + " over " + serializer + " passed no check:\n" + output);
        }
    }

    /** Fails in CI, skips elsewhere, unless {@code /usr/bin/python3} imports autobahn. */
    private static void requireAutobahn() throws IOException, InterruptedException {
        String problem = null;
        if (!Files.isExecutable(PYTHON)) {
            problem = PYTHON + " is missing";
        } else {
            Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import autobahn, txaio, msgpack; print(autobahn.__version__)")
                    .redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                problem = PYTHON + " cannot import autobahn-python (apt-get install python3-autobahn): " + out;
            }
        }
        if (problem == null) {
            return;
        }
        boolean ci = System.getenv("CI") != null || System.getenv("NATTER_CI") != null;
        if (ci) {
            fail(problem);
        }
        Assumptions.abort("autobahn-python interop tests skipped outside CI: " + problem);
    }
}
