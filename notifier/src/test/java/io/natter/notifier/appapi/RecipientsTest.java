package io.natter.notifier.appapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.auth.Secret;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Recipients} against a small HTTP server standing in for app-api's internal API: that a user
 * exists is asked once and then remembered; that one does not, and a thread's members, are asked
 * every time.
 */
class RecipientsTest {

    private Vertx vertx;
    private HttpServer server;
    private Recipients recipients;
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> {
            asked.computeIfAbsent(req.path(), p -> new AtomicInteger()).incrementAndGet();
            if (!"Bearer it-credential".equals(req.getHeader("Authorization"))) {
                req.response().setStatusCode(401).end();
            } else if (req.path().equals("/internal/users/bob")) {
                req.response().setStatusCode(204).end();
            } else if (req.path().equals("/internal/threads/t1/members")) {
                req.response().putHeader("Content-Type", "application/json").end("{\"members\":[\"bob\",\"carol\"]}");
            } else {
                req.response().setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        recipients = new Recipients(vertx, "http://127.0.0.1:" + server.actualPort() + "/",
                Optional.of(Secret.of("it-credential")), 2000);
    }

    @AfterEach
    void stop() throws Exception {
        recipients.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aKnownUserIsAskedOnceAnUnknownOneEveryTime() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(await(recipients.user("bob"))).contains(List.of("bob"));
            assertThat(await(recipients.user("nobody"))).isEmpty();
        }
        assertThat(asked.get("/internal/users/bob")).hasValue(1);
        assertThat(asked.get("/internal/users/nobody")).hasValue(3);
    }

    @Test
    void membersAreAskedEveryTime() throws Exception {
        for (int i = 0; i < 2; i++) {
            assertThat(await(recipients.members("t1"))).contains(List.of("bob", "carol"));
        }
        assertThat(await(recipients.members("t2"))).isEmpty();
        assertThat(asked.get("/internal/threads/t1/members")).hasValue(2);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
