package io.natter.wamp.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.natter.wamp.auth.Secret;
import io.natter.wamp.client.CallResult;
import io.natter.wamp.client.ClientErrors;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.ReconnectPolicy;
import io.natter.wamp.client.Registration;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.client.WampException;
import io.natter.wamp.serialization.Serializers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WampSession} inside a Quarkus application against the real router, run once per
 * serialization by the subclasses. The application starts while the router is away; the test
 * starts the router, calls and publishes through a client of its own (the {@code tester} user,
 * over the Vert.x transport), then kills the router and starts it again on the same port.
 */
abstract class WampSessionTestBase {

    private static final Duration JOIN = Duration.ofSeconds(20);
    private static final int WAIT_SECONDS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WampSession session;

    @Inject
    StartupRegistrar startup;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/q/health/ready")
    URL readiness;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService elsewhere = Executors.newSingleThreadScheduledExecutor();
    private Vertx testerVertx;
    private WampClient tester;

    /** The subprotocol the session must be using. */
    abstract String subprotocol();

    @AfterEach
    void tearDown() throws Exception {
        elsewhere.shutdownNow();
        if (tester != null) {
            tester.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        if (testerVertx != null) {
            testerVertx.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void startsWithoutTheRouterJoinsServesAndComesBackAfterARouterCrash() throws Exception {
        RouterProcess router = RouterResource.current;

        // The application is up although the router is not: readiness DOWN, the start-up's
        // registration and subscription wait for the join.
        assertThat(router.isAlive()).isFalse();
        assertThat(startup.joinedAtStartup).isFalse();
        assertThat(session.isJoined()).isFalse();
        assertReadiness(503, "DOWN");
        assertThat(startup.registered.isComplete()).isFalse();
        assertThat(gauge("natter.wamp.joined")).isZero();

        router.start();
        await().atMost(JOIN).until(session::isJoined);
        long firstSession = session.info().sessionId();
        assertThat(session.info().authid()).isEqualTo("worker");
        assertThat(session.info().authmethod()).isEqualTo("wampcra");
        assertThat(result(startup.registered).procedure()).isEqualTo("test.startup.echo");
        assertThat(result(startup.subscribed).topic()).isEqualTo("test.startup.topic");
        JsonNode up = assertReadiness(200, "UP");
        assertThat(up.path("data").path("session").asLong()).isEqualTo(firstSession);
        assertThat(up.path("data").path("realm").asText()).isEqualTo("natter");
        assertThat(up.path("data").path("url").asText()).isEqualTo(router.url());
        assertThat(gauge("natter.wamp.joined")).isEqualTo(1.0);

        connectTester(router);
        Map<?, ?> details = (Map<?, ?>) result(tester.call("wamp.session.get", List.of(firstSession))).arg0();
        assertThat(((Map<?, ?>) details.get("transport")).get("protocol")).isEqualTo(subprotocol());

        // Calls served are counted; a handler may complete its future on any thread.
        double servedBefore = served("test.startup.echo");
        assertThat(result(tester.call("test.startup.echo", List.of("hello"))).arg0()).isEqualTo("hello");
        assertThat(served("test.startup.echo")).isEqualTo(servedBefore + 1);
        result(session.register("test.later.add", Map.of(), invocation -> {
            Promise<CallResult> sum = Promise.promise();
            elsewhere.schedule(() -> sum.complete(CallResult.of(
                    ((Number) invocation.args().get(0)).intValue() + ((Number) invocation.args().get(1)).intValue())),
                    20, TimeUnit.MILLISECONDS);
            return sum.future();
        }));
        assertThat(((Number) result(tester.call("test.later.add", List.of(2, 3))).arg0()).intValue()).isEqualTo(5);
        assertThat(served("test.later.add")).isEqualTo(1.0);

        // A failing handler answers the caller with its error and counts in the errors.
        result(session.register("test.refuse", Map.of(),
                invocation -> Future.failedFuture(new WampException("test.error.refused", "no"))));
        assertThat(failure(tester.call("test.refuse", List.of())).error()).isEqualTo("test.error.refused");
        assertThat(counter("natter.wamp.errors", "procedure", "test.refuse", "kind", "invocation")).isEqualTo(1.0);

        // Events reach the subscription made at start-up; the session publishes and calls too.
        assertStartupSubscriptionReceives("before the crash");
        BlockingQueue<EventDetails> toTester = new LinkedBlockingQueue<>();
        result(tester.subscribe("test.from.worker", toTester::add));
        assertThat(result(session.publish("test.from.worker", List.of("ping"), Map.of(), Map.of("acknowledge", true))))
                .isNotNull();
        assertThat(toTester.poll(WAIT_SECONDS, TimeUnit.SECONDS).args()).containsExactly("ping");
        assertThat(result(session.call("test.later.add", List.of(1, 1), Map.of())).arg0()).isEqualTo(2);

        String scraped = scrape();
        assertThat(scraped).contains("natter_wamp_joined 1.0");
        assertThat(scraped).contains("natter_wamp_calls_served_total{procedure=\"test.startup.echo\"}");
        assertThat(scraped).contains("natter_wamp_errors_total{kind=\"invocation\",procedure=\"test.refuse\"} 1.0");

        // The router crashes: readiness goes DOWN, calls fail at once, a registration asked now
        // waits for the rejoin.
        double reconnectsBefore = counter("natter.wamp.reconnects");
        router.kill();
        await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> !session.isJoined());
        assertReadiness(503, "DOWN");
        assertThat(failure(session.call("test.startup.echo", List.of("x"), Map.of())).error())
                .isEqualTo(ClientErrors.NOT_CONNECTED);
        Future<Registration> duringOutage = session.register("test.outage.echo", Map.of(),
                invocation -> Future.succeededFuture(CallResult.of("outage", invocation.args().get(0))));

        // Back on the same port: the session rejoins on its own, with everything restored.
        router.start();
        await().atMost(JOIN).until(session::isJoined);
        assertThat(session.info().sessionId()).isNotEqualTo(firstSession);
        assertThat(counter("natter.wamp.reconnects")).isGreaterThan(reconnectsBefore);
        assertThat(result(duringOutage).procedure()).isEqualTo("test.outage.echo");
        assertReadiness(200, "UP");
        await().atMost(JOIN).until(tester::isJoined);

        assertThat(result(tester.call("test.startup.echo", List.of("again"))).arg0()).isEqualTo("again");
        assertThat(((Number) result(tester.call("test.later.add", List.of(20, 22))).arg0()).intValue()).isEqualTo(42);
        assertThat(result(tester.call("test.outage.echo", List.of("x"))).args()).containsExactly("outage", "x");
        assertThat(served("test.startup.echo")).isEqualTo(servedBefore + 2);
        assertStartupSubscriptionReceives("after the rejoin");
    }

    /** The tester publishes {@code payload} to the start-up topic; the start-up subscription must get it. */
    private void assertStartupSubscriptionReceives(String payload) throws Exception {
        startup.events.clear();
        result(tester.publish("test.startup.topic", List.of(payload), Map.of(), Map.of("acknowledge", true)));
        EventDetails event = startup.events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(event).as("an event on the start-up subscription").isNotNull();
        assertThat(event.args()).containsExactly(payload);
    }

    private void connectTester(RouterProcess router) throws Exception {
        testerVertx = Vertx.vertx();
        tester = WampClient.builder(testerVertx, router.url()).realm("natter")
                .wampcra("tester", Secret.of(router.testerSecret))
                .serializer(Serializers.JSON)
                .reconnect(new ReconnectPolicy(Duration.ofMillis(200), Duration.ofSeconds(1), 2.0, 0.0, ReconnectPolicy.UNLIMITED))
                .build();
        result(tester.connect());
    }

    private JsonNode assertReadiness(int status, String wampStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(readiness.toURI()).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        for (JsonNode check : JSON.readTree(response.body()).path("checks")) {
            if ("wamp".equals(check.path("name").asText())) {
                assertThat(check.path("status").asText()).isEqualTo(wampStatus);
                return check;
            }
        }
        throw new AssertionError("no wamp check in " + response.body());
    }

    private String scrape() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(metrics.toString())).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private double served(String procedure) {
        return counter("natter.wamp.calls.served", "procedure", procedure);
    }

    private double counter(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0.0 : counter.count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static <T> T result(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the future failed: " + e.getCause(), e.getCause());
        }
    }

    private static WampException failure(Future<?> future) {
        Throwable thrown = catchThrowable(() -> future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(WampException.class);
        return (WampException) thrown.getCause();
    }
}
