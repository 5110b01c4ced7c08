package io.natter.router.it;

import io.natter.testsupport.PackagedApp;
import io.natter.testsupport.ServiceProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The packaged router ({@code target/quarkus-app}, built by this module's {@code package} phase)
 * as a process of its own, on a free port, with the embedded default and {@code env} on top:
 * for tests that need a real process (its own heap, its own file descriptors, its log).
 */
public final class PackagedRouter {

    private static final Duration START = Duration.ofSeconds(60);

    private PackagedRouter() {
    }

    /** Starts it and waits until {@code /q/health/ready} answers 200; the log is {@code target/packaged/<name>.log}. */
    public static ServiceProcess start(String name, Map<String, String> env) throws IOException {
        int port = freePort();
        ServiceProcess router = ServiceProcess.builder(name, new PackagedApp("router", Path.of("target", "quarkus-app")))
                .env(env)
                .env("QUARKUS_HTTP_PORT", Integer.toString(port))
                .httpPort(port)
                .logFile(Path.of("target", "packaged", name + ".log"))
                .build();
        router.start(START);
        return router;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
