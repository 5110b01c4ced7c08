package io.natter.wamp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Welcome;
import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.Serializers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a Vert.x and a {@link ScriptedPeer} per test, and helps tests wait on the client. */
abstract class PeerTestBase {

    protected Vertx vertx;
    protected ScriptedPeer peer;

    @BeforeEach
    void startPeer() throws Exception {
        vertx = Vertx.vertx();
        peer = ScriptedPeer.start(vertx, serializer());
    }

    @AfterEach
    void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(ScriptedPeer.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    Serializer serializer() {
        return Serializers.JSON;
    }

    WampClient.Builder builder() {
        return WampClient.builder(vertx, peer.uri()).realm("realm1").serializer(serializer())
                .reconnect(ReconnectPolicy.none()).requestTimeout(Duration.ofSeconds(ScriptedPeer.WAIT_SECONDS));
    }

    /** Connects {@code client} and plays an anonymous join; the connection is past WELCOME. */
    ScriptedPeer.Connection join(WampClient client) throws Exception {
        Future<SessionInfo> joined = client.connect();
        ScriptedPeer.Connection connection = peer.accept();
        connection.expect(Hello.class);
        connection.send(welcome(4242));
        assertThat(await(joined).sessionId()).isEqualTo(4242);
        return connection;
    }

    static Welcome welcome(long session) {
        return new Welcome(session, Map.of("authid", "peer-assigned", "authrole", "anonymous", "authmethod", "anonymous",
                "roles", Map.of("broker", Map.of("features", Map.of("publisher_exclusion", true)),
                        "dealer", Map.of("features", Map.of("call_canceling", true, "progressive_call_results", true)))));
    }

    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(ScriptedPeer.WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the future failed: " + e.getCause(), e.getCause());
        }
    }

    /** The {@link WampException} {@code future} fails with. */
    static WampException awaitFailure(Future<?> future) {
        Throwable thrown = catchThrowable(() -> future.toCompletionStage().toCompletableFuture()
                .get(ScriptedPeer.WAIT_SECONDS, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(WampException.class);
        return (WampException) thrown.getCause();
    }
}
