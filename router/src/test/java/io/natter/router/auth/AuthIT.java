package io.natter.router.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natter.router.realm.RealmRegistry;
import io.natter.router.realm.RealmStats;
import io.natter.wamp.auth.Secret;
import io.natter.wamp.auth.WampCra;
import io.natter.wamp.client.CallOptions;
import io.natter.wamp.client.CallResult;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.InvocationContext;
import io.natter.wamp.client.ReconnectPolicy;
import io.natter.wamp.client.Registration;
import io.natter.wamp.client.SessionInfo;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.client.WampException;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authentication and authorization through the real router and the Java client: a worker
 * (static ticket) registers the dynamic authenticator and authorizer; users join with dynamic
 * WAMP-CRA. Run over the router's WebSocket with a config file, as the stack runs it.
 */
@QuarkusTest
@TestProfile(AuthIT.Profile.class)
class AuthIT {

    /** The test's config file, a 1 s authenticator timeout, and HELLO limits that apply to loopback. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "natter.router.config", Path.of("src/test/resources/config/auth-test.json").toAbsolutePath().toString(),
                    "natter.router.auth.timeout", "1S",
                    "natter.router.auth.authorizer-timeout", "1S",
                    "natter.router.auth.rate-limit.exempt", "none",
                    "natter.router.auth.rate-limit.per-address", "1000",
                    "natter.router.auth.rate-limit.per-authid", "3");
        }
    }

    private static final String SALT = "c2FsdHNhbHRzYWx0";
    private static final String ALICE_KEY = WampCra.deriveKey("alice-token", SALT, 1000, 32);

    @TestHTTPResource("/ws")
    URI ws;

    @Inject
    Vertx vertx;

    @Inject
    RealmRegistry realms;

    /** One worker for the class: its authid's HELLOs count against the per-authid limit too. */
    private static WampClient worker;
    private final List<WampClient> clients = new ArrayList<>();
    private final List<Registration> registrations = new ArrayList<>();
    private volatile Function<InvocationContext, Future<CallResult>> authorize = ctx -> Future.succeededFuture(CallResult.of(false));

    private WampClient.Builder client() {
        return WampClient.builder(vertx, ws.toString().replaceFirst("^http", "ws")).realm("natter").reconnect(ReconnectPolicy.none())
                .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(5));
    }

    private WampClient connect(WampClient.Builder builder) throws Exception {
        WampClient client = builder.build();
        clients.add(client);
        client.connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return client;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private WampException refused(WampClient.Builder builder) {
        WampClient client = builder.build();
        clients.add(client);
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> client.connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertThat(failure).hasCauseInstanceOf(WampException.class);
        return (WampException) failure.getCause();
    }

    /** Every log record of the router while a test runs, to check that no secret reaches the log. */
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final java.util.logging.Handler capture = new java.util.logging.Handler() {
        @Override
        public void publish(java.util.logging.LogRecord record) {
            StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                text.append(' ').append(record.getThrown());
            }
            logged.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        java.util.logging.Logger.getLogger("").addHandler(capture);
        java.util.logging.Logger.getLogger("io.natter.router").setLevel(java.util.logging.Level.ALL);
    }

    @AfterEach
    void noSecretWasLogged() {
        java.util.logging.Logger.getLogger("").removeHandler(capture);
        java.util.logging.Logger.getLogger("io.natter.router").setLevel(java.util.logging.Level.INFO);
        assertThat(logged).isNotEmpty();
        for (String secret : List.of("alice-token", ALICE_KEY, "worker-ticket", "outcast-ticket", "guess", "nope")) {
            assertThat(logged).noneMatch(line -> line.contains(secret));
        }
    }

    @BeforeEach
    void startWorker() throws Exception {
        if (worker == null) {
            worker = client().ticket("authenticator", Secret.of("worker-ticket")).build();
            await(worker.connect());
        }
        registrations.add(await(worker.register("natter.auth", Map.of(), ctx -> {
            String authid = (String) ctx.args().get(1);
            if (authid.equals("alice") || authid.equals("alice2")) {
                return Future.succeededFuture(CallResult.of(Map.of("secret", ALICE_KEY, "role", "user", "salt", SALT,
                        "iterations", 1000, "keylen", 32)));
            }
            if (authid.equals("slowpoke")) {
                return io.vertx.core.Promise.<CallResult>promise().future();
            }
            if (authid.equals("backend-away")) {
                return Future.failedFuture(new WampException("natter.error.unavailable", "app-api unreachable"));
            }
            return Future.failedFuture(new WampException("natter.error.no_such_user", "no such user"));
        })));
        registrations.add(await(worker.register("natter.authorize", Map.of(), ctx -> authorize.apply(ctx))));
    }

    @AfterAll
    static void stopWorker() throws Exception {
        if (worker != null) {
            await(worker.close());
            worker = null;
        }
    }

    @AfterEach
    void closeAndCheckNothingLeaks() throws Exception {
        for (WampClient client : clients) {
            await(client.close().recover(e -> Future.succeededFuture()));
        }
        for (Registration registration : registrations) {
            await(worker.unregister(registration));
        }
        RealmStats onlyTheWorker = new RealmStats("natter", 1, 0, 0, 0);
        Awaitility.await("the realm back to the worker alone").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(realms.stats("natter")).as("realm state after the test").isEqualTo(onlyTheWorker));
    }

    @Test
    void dynamicWampcraJoinsAndBadCredentialsFailAlike() throws Exception {
        WampClient alice = connect(client().wampcra("alice", Secret.of("alice-token")));
        SessionInfo session = alice.session();
        assertThat(session.authid()).isEqualTo("alice");
        assertThat(session.authrole()).isEqualTo("user");
        assertThat(session.authmethod()).isEqualTo("wampcra");

        WampException wrong = refused(client().wampcra("alice2", Secret.of("guess")));
        WampException unknown = refused(client().wampcra("nobody", Secret.of("guess")));
        assertThat(wrong.error()).isEqualTo("wamp.error.not_authorized");
        assertThat(unknown.error()).isEqualTo(wrong.error());
        assertThat(unknown.getMessage()).isEqualTo(wrong.getMessage()).doesNotContain("guess");

        WampException badTicket = refused(client().ticket("authenticator", Secret.of("nope")));
        assertThat(badTicket.error()).isEqualTo("wamp.error.not_authorized");
    }

    @Test
    void silentOrAbsentAuthenticatorFailsClosed() throws Exception {
        long start = System.nanoTime();
        WampException slow = refused(client().wampcra("slowpoke", Secret.of("x")));
        assertThat(slow.error()).isEqualTo("wamp.error.authentication_failed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        WampException cannotDecide = refused(client().wampcra("backend-away", Secret.of("x")));
        assertThat(cannotDecide.error()).isEqualTo("wamp.error.authentication_failed");
        assertThat(cannotDecide.getMessage()).contains("could not reach what it decides from");

        await(worker.unregister(registrations.remove(0)));
        WampException absent = refused(client().wampcra("alice", Secret.of("alice-token")));
        assertThat(absent.error()).isEqualTo("wamp.error.authentication_failed");
    }

    @Test
    void rateLimitedPerAuthidBeforeTheAuthenticator() {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            errors.add(refused(client().wampcra("mallory", Secret.of("guess"))).error());
        }
        assertThat(errors).containsExactly("wamp.error.not_authorized", "wamp.error.not_authorized", "wamp.error.not_authorized",
                "natter.error.rate_limited");
    }

    @Test
    void dynamicAuthorizerDecidesAndRevocationRemovesTheSubscription() throws Exception {
        List<Object> asked = new CopyOnWriteArrayList<>();
        authorize = ctx -> {
            asked.add(ctx.args().subList(1, 3));
            String uri = (String) ctx.args().get(1);
            if (uri.equals("natter.thread.boom")) {
                return Future.failedFuture(new WampException("wamp.error.runtime_error", "bug"));
            }
            return Future.succeededFuture(CallResult.of(uri.equals("natter.thread.general")
                    ? Map.of("allow", true, "cache", true) : Map.of("allow", false)));
        };
        WampClient alice = connect(client().wampcra("alice", Secret.of("alice-token")));
        List<EventDetails> events = new CopyOnWriteArrayList<>();
        await(alice.subscribe("natter.thread.general", events::add));
        await(alice.publish("natter.thread.general", List.of("hi"), Map.of(), Map.of("acknowledge", true, "exclude_me", false)));
        assertThatThrownBy(() -> await(alice.subscribe("natter.thread.secret", events::add)))
                .hasCauseInstanceOf(WampException.class).hasMessageContaining("wamp.error.not_authorized");
        assertThatThrownBy(() -> await(alice.subscribe("natter.thread.boom", events::add)))
                .hasMessageContaining("wamp.error.authorization_failed");
        assertThat(logged).as("router warnings are captured").anyMatch(line -> line.contains("dynamic authorizer") && line.contains("natter.thread.boom"));
        assertThat(asked).containsExactly(List.of("natter.thread.general", "subscribe"), List.of("natter.thread.general", "publish"),
                List.of("natter.thread.secret", "subscribe"), List.of("natter.thread.boom", "subscribe"));
        Awaitility.await("the event of the authorized publish").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> !events.isEmpty());
        assertThat(events).hasSize(1);
        assertThat(realms.stats("natter").subscriptions()).isEqualTo(1);

        CallResult revoked = await(worker.call("natter.router.revoke", List.of(),
                Map.of("uri", "natter.thread.general", "authid", "alice"), CallOptions.defaults()));
        assertThat(revoked.arg0()).isEqualTo(Map.of("sessions", 1, "grants", 2, "subscriptions", 1));
        assertThat(realms.stats("natter").subscriptions()).isZero();

        WampClient outcast = connect(client().ticket("outcast", Secret.of("outcast-ticket")));
        assertThatThrownBy(() -> await(outcast.call("natter.router.revoke", List.of("natter."), Map.of(), CallOptions.defaults())))
                .hasMessageContaining("wamp.error.not_authorized");
        assertThatThrownBy(() -> await(outcast.call("wamp.session.count", List.of(), Map.of(), CallOptions.defaults())))
                .hasMessageContaining("wamp.error.not_authorized");
    }
}
