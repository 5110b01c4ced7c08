package io.natter.router.transport;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.natter.router.config.RouterConfig;
import io.netty.channel.Channel;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * The {@link ConnectionGate}s of the router's listening sockets: Quarkus's HTTP server (the web
 * transport, health and metrics) and each websocket transport's server.
 *
 * <p>Neither Quarkus nor Vert.x hands out a server's listening socket, but every accepted
 * connection knows it ({@link Channel#parent()}). So once a server listens, the router makes one
 * HTTP request to it ({@link #probe}); the transport's request handler calls {@link #adopt} with
 * that request's connection, which puts the gate at the head of the listening socket's pipeline.
 * From then on every connection is counted as it is accepted. Until then (a few milliseconds
 * after the start) connections are counted when they make a request. The readiness check
 * {@code connection-caps} is down until every listening socket has its gate.
 */
@Singleton
public class ConnectionGates {

    private static final Logger LOG = Logger.getLogger(ConnectionGates.class);
    private static final int PROBE_ATTEMPTS = 20;
    private static final int PROBE_TIMEOUT_MS = 5000;

    /** The name of Quarkus's HTTP server (web transport, health, metrics) in log lines and metric tags. */
    static final String HTTP = "http";

    @Inject
    RouterConfig config;

    @Inject
    HttpServer httpServer;

    @Inject
    MeterRegistry registry;

    @Inject
    Transports transports;

    private ConnectionLimits limits;
    private final LongAdder refused = new LongAdder();
    private final Map<Channel, ConnectionGate> gates = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void init() {
        limits = ConnectionLimits.of(config.connections());
        Gauge.builder("natter.router.vertx.fallbacks", VertxInternals::fallbacks)
                .description("times the router fell back from Vert.x internals to its public API (0 unless Vert.x changed)")
                .register(registry);
        FunctionCounter.builder("natter.router.connections.refused", refused, LongAdder::sum)
                .description("connections closed at accept (over a connection cap) and WebSocket upgrades refused with 503")
                .register(registry);
        pending.add(HTTP);
        transports.websockets().forEach(transport -> pending.add(transport.id()));
    }

    /** Quarkus's HTTP server listens: find its listening socket. */
    void onHttpServerStart(@ObservesAsync HttpServerStart start) {
        probe(HTTP, start.options().getHost(), httpServer.getPort());
    }

    /**
     * Puts the gate on the listening socket of {@code connection} if it has none yet, and counts
     * the connection if it was accepted before. Call it on every request a transport handles,
     * first thing; cheap once the gate is in place (one attribute read).
     */
    void adopt(HttpConnection connection, String listener) {
        Channel child = channel(connection);
        if (child == null || ConnectionGate.of(child) != null) {
            return;
        }
        Channel server = child.parent();
        if (server == null) {
            return;
        }
        ConnectionGate gate = gates.computeIfAbsent(server, s -> install(s, listener));
        gate.adopt(child);
    }

    /**
     * Whether the request's connection may become a WebSocket; if not, answers HTTP 503 with a
     * JSON body and closes the connection.
     */
    boolean admitWebSocket(HttpServerRequest request) {
        Channel child = channel(request.connection());
        if (child == null || ConnectionGate.admitWebSocket(child)) {
            return true;
        }
        ConnectionGate gate = ConnectionGate.of(child);
        gate.refusedUpgrade(child);
        request.response().setStatusCode(503)
                .putHeader("Content-Type", "application/json")
                .putHeader("Retry-After", "5")
                .end("{\"error\":\"natter.error.too_many_connections\",\"message\":\"the router holds "
                        + gate.limits().max() + " WebSocket connections on this port, its cap\"}")
                .onComplete(ignored -> request.connection().close());
        return false;
    }

    /** The upgrade succeeded: the request deadline no longer applies. Call it on the connection's event loop. */
    static void upgraded(HttpConnection connection) {
        Channel child = channel(connection);
        if (child != null) {
            RequestDeadline.remove(child);
        }
    }

    /** The listening sockets still without a gate (for the readiness check). */
    public Set<String> unguarded() {
        return Set.copyOf(pending);
    }

    /**
     * Makes one plain HTTP request ({@code GET /ws} without an upgrade, answered 426 or 403) to
     * the listening socket at {@code host:port}, so that its handler adopts the connection and
     * installs the gate. Blocks for a moment: call it off the event loops.
     */
    void probe(String listener, String host, int port) {
        String target = host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")
                || host.equals("0:0:0:0:0:0:0:0") ? "127.0.0.1" : host;
        for (int attempt = 1; attempt <= PROBE_ATTEMPTS; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(target, port), PROBE_TIMEOUT_MS);
                socket.setSoTimeout(PROBE_TIMEOUT_MS);
                OutputStream out = socket.getOutputStream();
                out.write(("GET /ws HTTP/1.1\r\nHost: " + (target.indexOf(':') >= 0 ? "[" + target + "]" : target) + ":" + port
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] discard = new byte[512];
                while (in.read(discard) >= 0 && !guards(port)) {
                    // the answer; the gate is in place once the handler ran
                }
            } catch (IOException e) {
                LOG.debugf("probe of %s on %s:%d: %s", listener, target, port, e.getMessage());
            }
            if (guards(port)) {
                pending.remove(listener);
                LOG.infof("connection caps on %s (port %d): %d WebSocket connections (+%d), %s per address, request head within %d ms",
                        listener, port, limits.max(), ConnectionGate.RESERVE,
                        limits.maxPerAddress() == 0 ? "no cap" : Integer.toString(limits.maxPerAddress()),
                        limits.requestTimeout().toMillis());
                return;
            }
            sleep(250);
        }
        LOG.warnf("connection caps are not in force on %s (port %d): the router could not reach its own listening socket at %s",
                listener, port, target);
    }

    private boolean guards(int port) {
        for (Channel server : gates.keySet()) {
            if (server.localAddress() instanceof InetSocketAddress local && local.getPort() == port) {
                return true;
            }
        }
        return false;
    }

    private ConnectionGate install(Channel server, String listener) {
        ConnectionGate gate = new ConnectionGate(listener, limits, refused);
        server.pipeline().addFirst(ConnectionGate.NAME, gate);
        server.closeFuture().addListener(ignored -> gates.remove(server));
        Gauge.builder("natter.router.connections.open", gate, ConnectionGate::open)
                .description("TCP connections open on a listening socket").tag("listener", listener).register(registry);
        Gauge.builder("natter.router.connections.websockets", gate, ConnectionGate::webSockets)
                .description("WebSocket connections open on a listening socket").tag("listener", listener).register(registry);
        return gate;
    }

    private static Channel channel(HttpConnection connection) {
        return VertxInternals.channel(connection);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
