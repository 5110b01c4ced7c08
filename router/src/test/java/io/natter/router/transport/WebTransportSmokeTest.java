package io.natter.router.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natter.router.realm.RealmRegistry;
import io.natter.router.realm.RealmStats;
import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Welcome;
import io.natter.wamp.serialization.Serializers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Raw WAMP frames over a real WebSocket against the running router. */
@QuarkusTest
class WebTransportSmokeTest {

    @TestHTTPResource("/ws")
    URI ws;

    @TestHTTPResource("/")
    URI http;

    @Inject
    Vertx vertx;

    @Inject
    RealmRegistry realms;

    @AfterEach
    void nothingLeaks() {
        Awaitility.await("realm1 empty after the test").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> {
                    RealmStats stats = realms.stats("realm1");
                    assertThat(stats.isEmpty()).as("realm state after the test: %s", stats).isTrue();
                });
    }

    @Test
    void everyUpgradedSocketGetsItsFlushesBatched() throws Exception {
        long before = FlushBatching.installed();
        try (RawWampClient client = RawWampClient.connect(vertx, ws, "wamp.2.json")) {
            client.join("realm1");
            assertThat(FlushBatching.installed()).isGreaterThan(before);
        }
    }

    @Test
    void helloIsWelcomed() throws Exception {
        try (RawWampClient client = RawWampClient.connect(vertx, ws, "wamp.2.json")) {
            List<Object> welcome = client.join("realm1");
            assertThat(welcome.get(0)).isEqualTo(2);
            Map<String, Object> details = RawWampClient.dict(welcome.get(2));
            assertThat(details.get("realm")).isEqualTo("realm1");
            assertThat(details.get("authrole")).isEqualTo("anonymous");
            assertThat(details.get("authmethod")).isEqualTo("anonymous");
            assertThat(RawWampClient.dict(details.get("roles")).keySet()).containsExactlyInAnyOrder("broker", "dealer");
        }
    }

    @Test
    void subscribePublishEvent() throws Exception {
        try (RawWampClient subscriber = RawWampClient.connect(vertx, ws, "wamp.2.json");
                RawWampClient publisher = RawWampClient.connect(vertx, ws, "wamp.2.json")) {
            subscriber.join("realm1");
            publisher.join("realm1");
            subscriber.send("[32,1,{},\"chat.room1\"]");
            List<Object> subscribed = subscriber.next();
            assertThat(subscribed.subList(0, 2)).containsExactly(33, 1);

            publisher.send("[16,1,{\"acknowledge\":true},\"chat.room1\",[\"hi\"],{\"from\":\"p\"}]");
            assertThat(publisher.next().subList(0, 2)).containsExactly(17, 1);
            List<Object> event = subscriber.next();
            assertThat(event.get(0)).isEqualTo(36);
            assertThat(event.get(1)).isEqualTo(subscribed.get(2));
            assertThat(event.subList(3, 6)).containsExactly(Map.of(), List.of("hi"), Map.of("from", "p"));
        }
    }

    @Test
    void callResult() throws Exception {
        try (RawWampClient callee = RawWampClient.connect(vertx, ws, "wamp.2.json");
                RawWampClient caller = RawWampClient.connect(vertx, ws, "wamp.2.json")) {
            callee.join("realm1");
            caller.join("realm1");
            callee.send("[64,1,{},\"com.example.add\"]");
            assertThat(callee.next().get(0)).isEqualTo(65);

            caller.send("[48,1,{},\"com.example.add\",[2,3]]");
            List<Object> invocation = callee.next();
            assertThat(invocation.get(0)).isEqualTo(68);
            assertThat(invocation.get(4)).isEqualTo(List.of(2, 3));
            callee.send("[70," + invocation.get(1) + ",{},[5]]");

            assertThat(caller.next()).containsExactly(50, 1, Map.of(), List.of(5));
        }
    }

    @Test
    void msgpackSessionIsWelcomed() throws Exception {
        try (RawWampClient client = RawWampClient.connect(vertx, ws, "wamp.2.msgpack")) {
            client.sendBinary(Serializers.MSGPACK.encode(new Hello("realm1", Map.of("roles", Map.of("caller", Map.of())))));
            Welcome welcome = (Welcome) Serializers.MSGPACK.decode(client.nextBinary());
            assertThat(welcome.details()).containsEntry("realm", "realm1");
        }
    }

    @Test
    void protocolViolationIsAbortedAndClosed() throws Exception {
        try (RawWampClient client = RawWampClient.connect(vertx, ws, "wamp.2.json")) {
            client.send("[32,1,{},\"chat.room1\"]");
            List<Object> abort = client.next();
            assertThat(abort.get(0)).isEqualTo(3);
            assertThat(abort.get(2)).isEqualTo("wamp.error.protocol_violation");
            assertThat(RawWampClient.dict(abort.get(1)).get("message").toString()).contains("before HELLO");
            assertThat(client.awaitClose()).isEqualTo((short) 1002);
        }
    }

    @Test
    void malformedFrameInSessionIsAbortedAndOthersAreUntouched() throws Exception {
        try (RawWampClient good = RawWampClient.connect(vertx, ws, "wamp.2.json");
                RawWampClient bad = RawWampClient.connect(vertx, ws, "wamp.2.json")) {
            good.join("realm1");
            bad.join("realm1");
            good.send("[32,1,{},\"news\"]");
            good.next();
            bad.send("[32,1,{},\"news\"]");
            bad.next();
            bad.send("{not json");
            assertThat(bad.next().get(2)).isEqualTo("wamp.error.protocol_violation");
            assertThat(bad.awaitClose()).isEqualTo((short) 1002);

            good.send("[16,2,{\"acknowledge\":true},\"news\"]");
            assertThat(good.next().get(0)).isEqualTo(17);
        }
    }

    @Test
    void unknownRealmIsAbortedWithNoSuchRealm() throws Exception {
        try (RawWampClient client = RawWampClient.connect(vertx, ws, "wamp.2.json")) {
            List<Object> abort = client.join("nowhere");
            assertThat(abort.get(0)).isEqualTo(3);
            assertThat(abort.get(2)).isEqualTo("wamp.error.no_such_realm");
            client.awaitClose();
        }
    }

    @Test
    void upgradeWithoutWampSubprotocolIsRefused() {
        assertThatThrownBy(() -> RawWampClient.connect(vertx, ws, "mqtt"))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UpgradeRejectedException.class)
                .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(400));
        assertThatThrownBy(() -> RawWampClient.connect(vertx, ws))
                .cause().isInstanceOf(UpgradeRejectedException.class);
    }

    @Test
    void oversizedFrameIsClosedWith1009() throws Exception {
        try (RawWampClient client = RawWampClient.connect(vertx, ws, 1024 * 1024, "wamp.2.json")) {
            client.join("realm1");
            client.sendSingleFrame("[16,1,{},\"big\",[\"" + "x".repeat(100_000) + "\"]]");
            assertThat(client.awaitClose()).isEqualTo((short) 1009);
        }
    }

    @Test
    void oversizedFragmentedMessageIsClosedWith1009() throws Exception {
        try (RawWampClient client = RawWampClient.connect(vertx, ws, 16 * 1024, "wamp.2.json")) {
            client.join("realm1");
            client.send("[16,1,{},\"big\",[\"" + "x".repeat(100_000) + "\"]]");
            assertThat(client.awaitClose()).isEqualTo((short) 1009);
        }
    }

    @Test
    void metricsCountMessagesAndErrors() throws Exception {
        try (RawWampClient client = RawWampClient.connect(vertx, ws, "wamp.2.json")) {
            client.join("realm1");
            client.send("[48,1,{},\"com.nobody\",[]]");
            assertThat(client.next().get(4)).isEqualTo("wamp.error.no_such_procedure");
        }
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(http.resolve("/q/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body())
                .contains("natter_router_messages_in_total{type=\"HELLO\"}")
                .contains("natter_router_messages_out_total{type=\"WELCOME\"}")
                .contains("natter_router_errors_total{uri=\"wamp.error.no_such_procedure\"}")
                .contains("natter_router_sessions");
    }

    @Test
    void readinessIsUp() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(http.resolve("/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("realm-registry");
    }
}
