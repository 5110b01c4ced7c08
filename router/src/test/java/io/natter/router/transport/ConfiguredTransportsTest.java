package io.natter.router.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.natter.router.realm.RealmRegistry;
import io.natter.router.realm.RealmStats;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Welcome;
import io.natter.wamp.serialization.Serializers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import jakarta.inject.Inject;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The router started with {@code src/test/resources/config/transports.json}: realm {@code yorkshire},
 * a web transport with an Origin allow-list (anonymous role {@code guest}) and an internal
 * websocket transport on a free port of 127.0.0.1 (anonymous role {@code worker}).
 */
@QuarkusTest
@TestProfile(ConfiguredTransportsTest.Profile.class)
class ConfiguredTransportsTest {

    /** Points the router at the test config. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("natter.router.config", Path.of("src/test/resources/config/transports.json").toAbsolutePath().toString());
        }
    }

    private static final String INTERNAL = "workers[0].transports[1]";
    private static final Map<String, String> LOCAL_ORIGIN = Map.of("Origin", "http://localhost:3000");

    @TestHTTPResource("/ws")
    URI web;

    @Inject
    Vertx vertx;

    @Inject
    RealmRegistry realms;

    @Inject
    WebSocketServers servers;

    @Inject
    ConnectionGates gates;

    @Inject
    MeterRegistry meters;

    @AfterEach
    void nothingLeaks() {
        Awaitility.await("yorkshire empty after the test").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> {
                    RealmStats stats = realms.stats("yorkshire");
                    assertThat(stats.isEmpty()).as("realm state after the test: %s", stats).isTrue();
                });
    }

    private URI internal(String path) {
        return URI.create("http://127.0.0.1:" + servers.port(INTERNAL) + path);
    }

    @Test
    void theInternalTransportCountsItsConnectionsAsTheyAreAccepted() throws Exception {
        awaitOpen("every port has its gate", () -> gates.unguarded().isEmpty());
        double before = open(INTERNAL);
        try (Socket idle = new Socket("127.0.0.1", servers.port(INTERNAL))) {
            // no request sent: only the gate at the listening socket can have counted it
            awaitOpen("the idle connection counted", () -> open(INTERNAL) == before + 1);
        }
        awaitOpen("its closing counted", () -> open(INTERNAL) == before);
    }

    private double open(String listener) {
        var gauge = meters.find("natter.router.connections.open").tag("listener", listener).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private static void awaitOpen(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }

    @Test
    void onlyTheConfiguredRealmsExist() {
        assertThat(realms.find("yorkshire")).isNotNull();
        assertThat(realms.find("realm1")).isNull();
    }

    @Test
    void webTransportWelcomesAListedOriginUnderItsAnonymousRole() throws Exception {
        try (RawWampClient client = RawWampClient.connectWith(vertx, web, LOCAL_ORIGIN, "wamp.2.json")) {
            Map<String, Object> details = RawWampClient.dict(client.join("yorkshire").get(2));
            assertThat(details.get("authrole")).isEqualTo("guest");
            assertThat(details.get("authmethod")).isEqualTo("anonymous");
            client.send("[16,1,{\"acknowledge\":true},\"phpyork.chat\",[\"hi\"]]");
            assertThat(client.next().get(0)).isEqualTo(17);
            // guest may not register: the role's permissions apply
            client.send("[64,2,{},\"phpyork.add\"]");
            List<Object> error = client.next();
            assertThat(error.get(0)).isEqualTo(8);
            assertThat(error.get(4)).isEqualTo("wamp.error.not_authorized");
        }
        try (RawWampClient client = RawWampClient.connectWith(vertx, web, Map.of("Origin", "https://chat.example.com"), "wamp.2.json")) {
            assertThat(client.join("yorkshire").get(0)).isEqualTo(2);
        }
    }

    @Test
    void webTransportRefusesAForeignOriginAndAMissingOne() {
        assertRefused(() -> RawWampClient.connectWith(vertx, web, Map.of("Origin", "https://evil.example.org"), "wamp.2.json"), 403);
        assertRefused(() -> RawWampClient.connectWith(vertx, web, Map.of("Origin", "https://chat.example.com.evil.org"), "wamp.2.json"), 403);
        assertRefused(() -> RawWampClient.connectWith(vertx, web, Map.of(), "wamp.2.json"), 403);
    }

    @Test
    void internalTransportAcceptsWampOnAnyPathWithoutOrigin() throws Exception {
        for (String path : List.of("/", "/ws", "/any/path/at/all")) {
            try (RawWampClient client = RawWampClient.connectWith(vertx, internal(path), Map.of(), "wamp.2.json")) {
                Map<String, Object> details = RawWampClient.dict(client.join("yorkshire").get(2));
                assertThat(details.get("authrole")).isEqualTo("worker");
            }
        }
    }

    @Test
    void internalTransportRefusesAnyOriginAndUpgradesWithoutWamp() {
        assertRefused(() -> RawWampClient.connectWith(vertx, internal("/"), Map.of("Origin", "http://127.0.0.1"), "wamp.2.json"), 403);
        assertRefused(() -> RawWampClient.connectWith(vertx, internal("/"), LOCAL_ORIGIN, "wamp.2.json"), 403);
        assertRefused(() -> RawWampClient.connectWith(vertx, internal("/"), Map.of(), "mqtt"), 400);
    }

    @Test
    void unknownRealmIsRefusedOnBothTransports() throws Exception {
        try (RawWampClient client = RawWampClient.connectWith(vertx, internal("/"), Map.of(), "wamp.2.json")) {
            List<Object> abort = client.join("realm1");
            assertThat(abort.get(0)).isEqualTo(3);
            assertThat(abort.get(2)).isEqualTo("wamp.error.no_such_realm");
        }
        try (RawWampClient client = RawWampClient.connectWith(vertx, web, LOCAL_ORIGIN, "wamp.2.json")) {
            assertThat(client.join("lancashire").get(2)).isEqualTo("wamp.error.no_such_realm");
        }
    }

    @Test
    void sessionsOfBothTransportsShareTheRealm() throws Exception {
        try (RawWampClient worker = RawWampClient.connectWith(vertx, internal("/"), Map.of(), "wamp.2.msgpack", "wamp.2.json");
                RawWampClient guest = RawWampClient.connectWith(vertx, web, LOCAL_ORIGIN, "wamp.2.json")) {
            worker.sendBinary(Serializers.MSGPACK.encode(new Hello("yorkshire",
                    Map.of("roles", Map.of("subscriber", Map.of())))));
            assertThat(Serializers.MSGPACK.decode(worker.nextBinary()))
                    .isInstanceOf(Welcome.class);
            worker.sendBinary(Serializers.MSGPACK.encode(
                    new Subscribe(1, Map.of("match", "prefix"), "phpyork.chat.")));
            assertThat(Serializers.MSGPACK.decode(worker.nextBinary()))
                    .isInstanceOf(Subscribed.class);

            guest.join("yorkshire");
            guest.send("[16,1,{\"acknowledge\":true},\"phpyork.chat.room\",[\"hello worker\"]]");
            assertThat(guest.next().get(0)).isEqualTo(17);
            Event event = (Event)
                    Serializers.MSGPACK.decode(worker.nextBinary());
            assertThat(event.args()).containsExactly("hello worker");
        }
    }

    @Test
    void sessionMetaShowsEachSessionsTransport() throws Exception {
        try (RawWampClient worker = RawWampClient.connectWith(vertx, internal("/"), Map.of(), "wamp.2.json");
                RawWampClient guest = RawWampClient.connectWith(vertx, web, LOCAL_ORIGIN, "wamp.2.json")) {
            worker.join("yorkshire");
            Object guestSession = guest.join("yorkshire").get(1);

            worker.send("[48,1,{},\"wamp.session.get\",[" + guestSession + "]]");
            List<Object> result = worker.next();
            assertThat(result.get(0)).isEqualTo(50);
            Map<String, Object> details = RawWampClient.dict(((List<?>) result.get(3)).get(0));
            assertThat(details.get("authrole")).isEqualTo("guest");
            Map<String, Object> transport = RawWampClient.dict(details.get("transport"));
            assertThat(transport.get("protocol")).isEqualTo("wamp.2.json");
            assertThat((String) transport.get("peer")).startsWith("tcp4:127.0.0.1:");
            assertThat(transport).doesNotContainKey("http_headers_received");
        }
    }

    @Test
    void internalTransportClosesAnOversizedMessageWith1009() throws Exception {
        try (RawWampClient client = RawWampClient.connectWith(vertx, internal("/"), Map.of(), "wamp.2.json")) {
            client.join("yorkshire");
            client.send("[16,1,{},\"phpyork.big\",[\"" + "x".repeat(5000) + "\"]]");
            assertThat(client.awaitClose()).isEqualTo((short) 1009);
        }
    }

    @Test
    void internalTransportAnswersPlainHttpWith426() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(internal("/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(426);
    }

    private static void assertRefused(ThrowingCallable connect, int status) {
        assertThatThrownBy(connect)
                .cause().isInstanceOf(UpgradeRejectedException.class)
                .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(status));
    }
}
