package io.natter.app.outage;

import static io.natter.app.support.Api.as;
import static io.natter.app.support.Api.eventually;
import static io.natter.app.support.Api.grant;
import static io.natter.app.support.Api.newThread;
import static io.natter.app.support.Api.newUser;
import static io.natter.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
import io.natter.app.amqp.Rabbit;
import io.natter.app.support.Broker;
import io.natter.app.support.TestServices;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL and RabbitMQ going away and coming back, simulated by cutting NetCrusher proxies
 * between app-api and the machine's services (the services themselves are shared and stay up).
 */
@QuarkusTest
@TestProfile(OutageTest.Proxied.class)
class OutageTest {

    /** app-api behind the proxies, with short timeouts so that outages are noticed in seconds. */
    public static class Proxied implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestServices.class, Map.of("proxied", "true")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("natter.rabbitmq.heartbeat", "PT2S",
                    "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", "3");
        }
    }

    @Inject
    Rabbit rabbit;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void linksUp() throws InterruptedException {
        eventually(Duration.ofSeconds(10), "RabbitMQ connection", rabbit::isConnected);
    }

    @Test
    void postgresDownIs503FastAndRecovers() throws Exception {
        String token = newUser(unique("u"));
        TestServices.links().postgres().close();
        try {
            long start = System.nanoTime();
            as(token).get("/api/threads").then().statusCode(503)
                    .header("Retry-After", "2").body("error", equalTo("unavailable"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            as(token).get("/api/threads").then().statusCode(503);
        } finally {
            TestServices.links().postgres().open();
        }
        eventually(Duration.ofSeconds(20), "requests succeed again",
                () -> as(token).get("/api/threads").statusCode() == 200);
    }

    @Test
    void messageTakenWhilePostgresIsDownIsStoredAfterwards() throws Exception {
        String author = unique("a");
        String token = newUser(author);
        String thread = newThread(token, unique("outage "));
        long pub = ThreadLocalRandom.current().nextLong(1, 1L << 53);
        TestServices.links().postgres().close();
        try (Broker broker = Broker.open()) {
            broker.publish("natter.messages", thread, "{\"publication\": " + pub + ", \"thread\": \"" + thread
                    + "\", \"author\": \"" + author + "\", \"text\": \"kept\"}");
            Thread.sleep(3000);
            assertThat(count("SELECT count(*) FROM messages WHERE publication = " + pub)).isZero();
        } finally {
            TestServices.links().postgres().open();
        }
        eventually(Duration.ofSeconds(20), "message stored after PostgreSQL came back",
                () -> count("SELECT count(*) FROM messages WHERE publication = " + pub) == 1);
        eventually(Duration.ofSeconds(20), "history readable",
                () -> as(token).get("/api/threads/" + thread + "/messages").statusCode() == 200);
        as(token).get("/api/threads/" + thread + "/messages").then().body("messages[0].text", equalTo("kept"));
    }

    @Test
    void aBurstTakenWhilePostgresIsDownIsStoredInItsOrderAfterwards() throws Exception {
        String author = unique("a");
        String token = newUser(author);
        String thread = newThread(token, unique("outage burst "));
        List<Long> sent = new java.util.ArrayList<>();
        List<String[]> burst = new java.util.ArrayList<>();
        // More than the prefetch (256): the consumer holds some, the queue the rest, while every
        // batch it tries fails and goes back.
        for (int i = 0; i < 400; i++) {
            long pub = ThreadLocalRandom.current().nextLong(1, 1L << 53);
            sent.add(pub);
            burst.add(new String[] {thread, "{\"publication\": " + pub + ", \"thread\": \"" + thread
                    + "\", \"author\": \"" + author + "\", \"text\": \"b" + i + "\"}"});
        }
        TestServices.links().postgres().close();
        try (Broker broker = Broker.open()) {
            broker.publishAll("natter.messages", burst);
            Thread.sleep(4000);
        } finally {
            TestServices.links().postgres().open();
        }
        String rows = "SELECT count(*) FROM messages WHERE thread = '" + thread + "'";
        eventually(Duration.ofSeconds(30), "400 rows after PostgreSQL came back", () -> count(rows) == 400);
        List<Long> stored = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(TestServices.databaseUrl(), TestServices.pgUser(),
                TestServices.pgPassword());
             PreparedStatement s = c.prepareStatement("SELECT seq, publication FROM messages WHERE thread = ? ORDER BY seq")) {
            s.setString(1, thread);
            try (ResultSet r = s.executeQuery()) {
                long expected = 1;
                while (r.next()) {
                    assertThat(r.getLong(1)).as("dense seqs").isEqualTo(expected++);
                    stored.add(r.getLong(2));
                }
            }
        }
        assertThat(stored).as("stored in the order published, across the failed attempts").isEqualTo(sent);
    }

    @Test
    void rabbitDownRefusesNotificationsAndKeepsEventsUntilItIsBack() throws Exception {
        String owner = unique("o");
        String ownerToken = newUser(owner);
        String member = unique("m");
        newUser(member);
        String thread = newThread(ownerToken, unique("events "));
        try (Broker broker = Broker.open()) {
            String events = broker.bind("natter.events", "membership.*");
            broker.bind("natter.notifications", "user." + member);
            TestServices.links().rabbit().close();
            try {
                eventually(Duration.ofSeconds(10), "app-api notices the broker is gone", () -> !rabbit.isConnected());
                // Only notifications depend on the broker: the service stays ready, the broker's group says DOWN.
                io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200);
                io.restassured.RestAssured.given().get("/q/health/group/rabbitmq").then().statusCode(503)
                        .body("checks[0].status", equalTo("DOWN"));
                long start = System.nanoTime();
                as(ownerToken).body(Map.of("to_user", member, "title", "t")).post("/api/notifications")
                        .then().statusCode(503).body("error", equalTo("unavailable"));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                grant(ownerToken, thread, member).then().statusCode(201);
                Thread.sleep(2000);
                assertThat(count("SELECT count(*) FROM outbox WHERE payload->>'authid' = '" + member + "'"))
                        .as("event waiting in the outbox").isEqualTo(1);
            } finally {
                TestServices.links().rabbit().open();
            }
            JsonNode granted = null;
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (granted == null && System.nanoTime() < end) {
                GetResponse r = broker.next(events, Duration.ofSeconds(1));
                if (r != null && member.equals(json.readTree(r.getBody()).path("authid").asText())) {
                    granted = json.readTree(r.getBody());
                }
            }
            assertThat(granted).as("membership.granted delivered after RabbitMQ came back").isNotNull();
            assertThat(granted.get("type").asText()).isEqualTo("membership.granted");
            assertThat(granted.get("thread").asText()).isEqualTo(thread);
            eventually(Duration.ofSeconds(5), "outbox emptied",
                    () -> count("SELECT count(*) FROM outbox WHERE payload->>'authid' = '" + member + "'") == 0);
            as(ownerToken).body(Map.of("to_user", member, "title", "t")).post("/api/notifications")
                    .then().statusCode(202);
        }
    }

    /** Straight to PostgreSQL, around the proxy. */
    private static int count(String sql) {
        try (Connection c = DriverManager.getConnection(TestServices.databaseUrl(), TestServices.pgUser(),
                TestServices.pgPassword());
             PreparedStatement s = c.prepareStatement(sql);
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
