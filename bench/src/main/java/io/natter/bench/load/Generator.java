package io.natter.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The load generator's I/O: one Vert.x instance with a few event loops (one per core it may
 * use) and one WebSocket client that opens as many sockets as a scenario needs.
 *
 * <p>Everything the scenarios do on sockets runs on these event loops; the scenario code itself
 * runs on the caller's thread and only waits on futures and reads counters.
 */
public final class Generator implements AutoCloseable {

    private final Vertx vertx;
    private final WebSocketClient client;
    private final int eventLoops;

    /** A generator with {@code eventLoops} event loops (native epoll transport when available). */
    public Generator(int eventLoops) {
        this.eventLoops = eventLoops;
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(eventLoops)
                .setWorkerPoolSize(2)
                .setPreferNativeTransport(true)
                .setBlockedThreadCheckInterval(10_000));
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(1_000_000)
                .setConnectTimeout(10_000)
                .setMaxFrameSize(1 << 20)
                .setMaxMessageSize(1 << 22)
                .setTcpNoDelay(true)
                .setTryUsePerMessageCompression(false)
                .setTryUsePerFrameCompression(false));
    }

    /** The Vert.x instance the sockets live on. */
    public Vertx vertx() {
        return vertx;
    }

    /** How many event loops the generator runs. */
    public int eventLoops() {
        return eventLoops;
    }

    /** Whether Vert.x uses the native (epoll) transport. */
    public boolean nativeTransport() {
        return vertx.isNativeTransportEnabled();
    }

    /** Opens a WebSocket offering one subprotocol. */
    public Future<WebSocket> connect(Endpoint endpoint, String path, String subprotocol) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(endpoint.host())
                .setPort(endpoint.port())
                .setURI(path)
                .setTimeout(10_000);
        if (subprotocol != null) {
            options.setSubProtocols(List.of(subprotocol));
        }
        return client.connect(options);
    }

    /** Blocks the calling (non event loop) thread until {@code future} completes. */
    public static <T> T await(Future<T> future, Duration timeout) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after " + timeout, e);
        }
    }

    @Override
    public void close() {
        await(client.close(), Duration.ofSeconds(20));
        await(vertx.close(), Duration.ofSeconds(20));
    }
}
