package io.natter.app.notify;

import static io.natter.app.support.Api.as;
import static io.natter.app.support.Api.eventually;
import static io.natter.app.support.Api.json;
import static io.natter.app.support.Api.newThread;
import static io.natter.app.support.Api.newUser;
import static io.natter.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
import io.natter.app.amqp.Rabbit;
import io.natter.app.support.Broker;
import io.natter.app.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class NotificationsTest {

    @Inject
    Rabbit rabbit;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void connected() throws InterruptedException {
        eventually(Duration.ofSeconds(10), "RabbitMQ connection", rabbit::isConnected);
    }

    @Test
    void toUserGoesOutWithRoutingKeyUserName() throws Exception {
        String sender = unique("s");
        String senderToken = newUser(sender);
        String target = unique("t");
        newUser(target);
        try (Broker broker = Broker.open()) {
            String q = broker.bind("natter.notifications", "user." + target);
            String id = as(senderToken)
                    .body(Map.of("to_user", target, "title", "Hello", "body", "there", "data", Map.of("k", 1)))
                    .post("/api/notifications").then().statusCode(202).body("id", notNullValue()).extract().path("id");
            GetResponse got = broker.next(q, Duration.ofSeconds(5));
            assertThat(got).isNotNull();
            assertThat(got.getEnvelope().getRoutingKey()).isEqualTo("user." + target);
            assertThat(got.getProps().getDeliveryMode()).isEqualTo(2);
            JsonNode n = json.readTree(got.getBody());
            assertThat(n.get("id").asText()).isEqualTo(id);
            assertThat(n.get("title").asText()).isEqualTo("Hello");
            assertThat(n.get("body").asText()).isEqualTo("there");
            assertThat(n.get("data").get("k").asInt()).isEqualTo(1);
            assertThat(n.get("from").asText()).isEqualTo(sender);
            assertThat(n.get("ts").asText()).isNotBlank();
        }
    }

    @Test
    void toThreadNeedsMembership() throws Exception {
        String ownerToken = newUser(unique("o"));
        String strangerToken = newUser(unique("s"));
        String thread = newThread(ownerToken, unique("news "));
        try (Broker broker = Broker.open()) {
            String q = broker.bind("natter.notifications", "thread." + thread);
            as(strangerToken).body(Map.of("to_thread", thread, "title", "spam"))
                    .post("/api/notifications").then().statusCode(403);
            as(ownerToken).body(Map.of("to_thread", thread, "title", "release"))
                    .post("/api/notifications").then().statusCode(202);
            GetResponse got = broker.next(q, Duration.ofSeconds(5));
            assertThat(got).isNotNull();
            assertThat(got.getEnvelope().getRoutingKey()).isEqualTo("thread." + thread);
            assertThat(broker.next(q, Duration.ofMillis(300))).as("the stranger's notification").isNull();
        }
    }

    @Test
    void noBoundQueueIs503() {
        String token = newUser(unique("s"));
        String target = unique("t");
        newUser(target);
        as(token).body(Map.of("to_user", target, "title", "nobody listens"))
                .post("/api/notifications").then().statusCode(503).body("error", equalTo("unavailable"));
    }

    @Test
    void validation() {
        String token = newUser(unique("s"));
        String target = unique("t");
        newUser(target);
        as(token).body(Map.of("title", "x")).post("/api/notifications")
                .then().statusCode(400).body("field", equalTo("to_user"));
        as(token).body(Map.of("to_user", target, "to_thread", "t", "title", "x")).post("/api/notifications")
                .then().statusCode(400).body("field", equalTo("to_user"));
        as(token).body(Map.of("to_user", "BAD NAME", "title", "x")).post("/api/notifications")
                .then().statusCode(400).body("field", equalTo("to_user"));
        as(token).body(Map.of("to_thread", "Bad_Thread", "title", "x")).post("/api/notifications")
                .then().statusCode(400).body("field", equalTo("to_thread"));
        as(token).body(Map.of("to_user", target, "title", " ")).post("/api/notifications")
                .then().statusCode(400).body("field", equalTo("title"));
        as(token).body(Map.of("to_user", target, "title", "x", "body", "b".repeat(4001))).post("/api/notifications")
                .then().statusCode(400).body("field", equalTo("body"));
        as(token).body(Map.of("to_user", target, "title", "x", "data", "not an object")).post("/api/notifications")
                .then().statusCode(400).body("field", equalTo("data"));
        as(token).body(Map.of("to_user", unique("ghost"), "title", "x")).post("/api/notifications")
                .then().statusCode(404);
        json().body(Map.of("to_user", target, "title", "x")).post("/api/notifications").then().statusCode(401);
    }
}
