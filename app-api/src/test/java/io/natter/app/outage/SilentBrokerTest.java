package io.natter.app.outage;

import static io.natter.app.support.Api.as;
import static io.natter.app.support.Api.eventually;
import static io.natter.app.support.Api.newUser;
import static io.natter.app.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.natter.app.amqp.Rabbit;
import io.natter.app.support.Broker;
import io.natter.app.support.TestServices;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A broker that keeps the TCP connection but stops answering (the NetCrusher proxy frozen):
 * a notification is refused within the confirm timeout, not after the client library's close
 * handshakes, and the link comes back once the broker answers again.
 */
@QuarkusTest
@TestProfile(SilentBrokerTest.Proxied.class)
class SilentBrokerTest {

    /** Behind the proxies; the default heartbeat (10 s), so only the confirm timeout can end the wait. */
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
            return Map.of("natter.rabbitmq.confirm-timeout", "PT2S");
        }
    }

    @Inject
    Rabbit rabbit;

    @Test
    void aSilentBrokerIs503WithinTheConfirmTimeout() throws Exception {
        eventually(Duration.ofSeconds(10), "RabbitMQ connection", rabbit::isConnected);
        String token = newUser(unique("s"));
        String to = unique("t");
        newUser(to);
        Map<String, String> note = Map.of("to_user", to, "title", "t");
        try (Broker broker = Broker.open()) {
            broker.bind("natter.notifications", "user." + to);
            as(token).body(note).post("/api/notifications").then().statusCode(202);
            TestServices.links().rabbit().freeze();
            try {
                long start = System.nanoTime();
                as(token).body(note).post("/api/notifications")
                        .then().statusCode(503).body("error", equalTo("unavailable"));
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("confirm timeout 2 s plus a margin").isLessThan(Duration.ofSeconds(4));
                given().get("/q/health/ready").then().statusCode(200);
            } finally {
                TestServices.links().rabbit().unfreeze();
            }
            eventually(Duration.ofSeconds(20), "notifications accepted again",
                    () -> as(token).body(note).post("/api/notifications").statusCode() == 202);
        }
    }
}
