package io.natter.wamp.quarkus;

import io.natter.testsupport.PackagedApp;
import io.natter.testsupport.Ports;
import io.natter.testsupport.Randoms;
import io.natter.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real router ({@code router/target/quarkus-app/quarkus-run.jar}) as a {@link ServiceProcess}
 * on free ports, with {@code router-test.json}: realm {@code natter}, a websocket transport with
 * the static WAMP-CRA users {@code worker} (the session under test) and {@code tester} (the test's
 * own client), both secrets random per run and handed over in the environment. It can be killed
 * and started again on the same ports.
 */
final class RouterProcess {

    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    final String workerSecret = Randoms.token();
    final String testerSecret = Randoms.token();
    private final int wampPort;
    private final ServiceProcess process;

    RouterProcess(String name) throws IOException {
        String location = System.getProperty("natter.router.jar");
        if (location == null) {
            throw new IllegalStateException("system property natter.router.jar is not set (the module's Surefire configuration sets it)");
        }
        PackagedApp router = new PackagedApp("router", Path.of(location).getParent()).requirePresent();
        Path target = Path.of("target", "router-" + name).toAbsolutePath();
        Files.createDirectories(target);
        Path config = target.resolve("router-test.json");
        try (var in = RouterProcess.class.getResourceAsStream("/router-test.json")) {
            Files.write(config, in.readAllBytes());
        }
        List<Integer> ports = Ports.free(2);
        wampPort = ports.get(0);
        process = ServiceProcess.builder("router", router)
                .httpPort(ports.get(1))
                .logFile(target.resolve("router.log"))
                .env("NATTER_ROUTER_CONFIG", config.toString())
                .env("QUARKUS_HTTP_PORT", Integer.toString(ports.get(1)))
                .env("QUARKUS_HTTP_HOST", "127.0.0.1")
                .env("TEST_WAMP_PORT", Integer.toString(wampPort))
                .env("TEST_WORKER_SECRET", workerSecret)
                .env("TEST_TESTER_SECRET", testerSecret)
                .build();
    }

    String url() {
        return "ws://127.0.0.1:" + wampPort + "/ws";
    }

    /** Starts the router and waits until its readiness is UP and the WAMP port listens. */
    synchronized void start() {
        if (process.isAlive()) {
            return;
        }
        process.start(START_TIMEOUT);
        Ports.awaitListening(wampPort, START_TIMEOUT);
    }

    /** Kills the router as a crash would (SIGKILL) and waits until it is gone. */
    void kill() {
        process.kill();
    }

    boolean isAlive() {
        return process.isAlive();
    }
}
