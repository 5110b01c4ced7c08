package io.natter.app.user;

import static io.natter.app.support.Api.as;
import static io.natter.app.support.Api.eventually;
import static io.natter.app.support.Api.json;
import static io.natter.app.support.Api.login;
import static io.natter.app.support.Api.newUser;
import static io.natter.app.support.Api.service;
import static io.natter.app.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
import io.agroal.api.AgroalDataSource;
import io.natter.app.amqp.Rabbit;
import io.natter.app.security.TokenKeys;
import io.natter.app.support.Api.Device;
import io.natter.app.support.Broker;
import io.natter.app.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens per device: several at once, logout, listing, revoking one, the cap, and the events. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TokensTest {

    private static final String PASSWORD = "secret-pass";
    private static final int CAP = 50;

    @Inject
    Rabbit rabbit;
    @Inject
    AgroalDataSource dataSource;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void twoDevicesAreBothValidAfterTheSecondLogin() {
        String name = unique("u");
        Device laptop = newUser(name, PASSWORD);
        Device phone = login(name, PASSWORD);
        assertThat(phone.tokenId()).isNotEqualTo(laptop.tokenId());
        as(laptop.token()).get("/api/threads").then().statusCode(200);
        as(phone.token()).get("/api/threads").then().statusCode(200);
        auth(name, laptop.tokenId()).then().statusCode(200);
        auth(name, phone.tokenId()).then().statusCode(200);
    }

    @Test
    void logoutRevokesOnlyThatToken() {
        String name = unique("u");
        Device laptop = newUser(name, PASSWORD);
        Device phone = login(name, PASSWORD);
        // No body and no content type: a browser's bare POST.
        given().header("Authorization", "Bearer " + phone.token()).post("/api/logout").then().statusCode(204);
        as(phone.token()).get("/api/threads").then().statusCode(401);
        as(phone.token()).post("/api/logout").then().statusCode(401);
        auth(name, phone.tokenId()).then().statusCode(404);
        as(laptop.token()).get("/api/threads").then().statusCode(200);
        auth(name, laptop.tokenId()).then().statusCode(200);
    }

    @Test
    void listShowsTheActiveTokensAndWhichIsCurrent() {
        String name = unique("u");
        Device laptop = newUser(name, PASSWORD);
        Device phone = login(name, PASSWORD);
        Device tablet = login(name, PASSWORD);
        as(tablet.token()).post("/api/logout").then().statusCode(204);
        JsonPath list = as(phone.token()).get("/api/tokens").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("token_id", String.class)).containsExactly(laptop.tokenId(), phone.tokenId());
        assertThat(list.getList("current", Boolean.class)).containsExactly(false, true);
        assertThat(OffsetDateTime.parse(list.getString("[0].created")))
                .isBeforeOrEqualTo(OffsetDateTime.parse(list.getString("[1].created")));
        assertThat(list.getMap("[0]").keySet()).containsExactlyInAnyOrder("token_id", "created", "current");
        as(laptop.token()).get("/api/tokens").then().body("current", equalTo(List.of(true, false)));
        given().get("/api/tokens").then().statusCode(401);
    }

    @Test
    void deleteRevokesOneOfTheCallersTokensOnly() {
        String name = unique("u");
        Device laptop = newUser(name, PASSWORD);
        Device phone = login(name, PASSWORD);
        String other = unique("o");
        Device stranger = newUser(other, PASSWORD);

        as(laptop.token()).delete("/api/tokens/" + stranger.tokenId()).then().statusCode(404)
                .body("error", equalTo("not_found"));
        as(stranger.token()).get("/api/threads").then().statusCode(200);
        auth(other, stranger.tokenId()).then().statusCode(200);
        as(laptop.token()).delete("/api/tokens/AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404);
        as(laptop.token()).delete("/api/tokens/not-an-id").then().statusCode(404);

        as(laptop.token()).delete("/api/tokens/" + phone.tokenId()).then().statusCode(204);
        as(phone.token()).get("/api/threads").then().statusCode(401);
        auth(name, phone.tokenId()).then().statusCode(404);
        as(laptop.token()).delete("/api/tokens/" + phone.tokenId()).then().statusCode(404);
        as(laptop.token()).get("/api/tokens").then().body("token_id", equalTo(List.of(laptop.tokenId())));
        // Its own token too: the caller is logged out.
        as(laptop.token()).delete("/api/tokens/" + laptop.tokenId()).then().statusCode(204);
        as(laptop.token()).get("/api/tokens").then().statusCode(401);
    }

    @Test
    void anotherTokensIdWithThisTokensSecretIs401() {
        String name = unique("u");
        Device laptop = newUser(name, PASSWORD);
        Device phone = login(name, PASSWORD);
        String mixed = laptop.token().replace("." + laptop.tokenId() + ".", "." + phone.tokenId() + ".");
        as(mixed).get("/api/threads").then().statusCode(401);
    }

    @Test
    void everyRevocationSendsTokenRevoked() throws Exception {
        eventually(Duration.ofSeconds(10), "RabbitMQ connection", rabbit::isConnected);
        String name = unique("u");
        try (Broker broker = Broker.open()) {
            String q = broker.bind("natter.events", "token.revoked");
            Device laptop = newUser(name, PASSWORD);
            Device phone = login(name, PASSWORD);
            Device tablet = login(name, PASSWORD);
            as(phone.token()).post("/api/logout").then().statusCode(204);
            as(laptop.token()).delete("/api/tokens/" + tablet.tokenId()).then().statusCode(204);
            String fresh = as(laptop.token()).post("/api/token").then().statusCode(200).extract().path("token_id");
            assertThat(fresh).isNotEqualTo(laptop.tokenId());

            List<JsonNode> events = revocations(broker, q, name, 3);
            assertThat(events).extracting(e -> e.get("token_id").asText() + " " + e.get("reason").asText())
                    .containsExactly(phone.tokenId() + " logout", tablet.tokenId() + " revoked",
                            laptop.tokenId() + " rotate");
            for (JsonNode e : events) {
                assertThat(e.get("type").asText()).isEqualTo("token.revoked");
                assertThat(e.get("authid").asText()).isEqualTo(name);
                assertThat(OffsetDateTime.parse(e.get("ts").asText())).isNotNull();
                assertThat(e.size()).isEqualTo(5);
            }
            // A refused revocation sends nothing.
            as(phone.token()).post("/api/logout").then().statusCode(401);
            assertThat(revocations(broker, q, name, 1, Duration.ofSeconds(2))).isEmpty();
        }
    }

    @Test
    void theOldestTokenGoesWhenTheCapIsExceeded() throws Exception {
        eventually(Duration.ofSeconds(10), "RabbitMQ connection", rabbit::isConnected);
        String name = unique("u");
        try (Broker broker = Broker.open()) {
            String q = broker.bind("natter.events", "token.revoked");
            Device first = newUser(name, PASSWORD);
            Device second = login(name, PASSWORD);
            Device last = second;
            for (int i = 2; i < CAP; i++) {
                last = login(name, PASSWORD);
            }
            assertThat(as(last.token()).get("/api/tokens").then().extract().jsonPath().getList("token_id"))
                    .hasSize(CAP);
            as(first.token()).get("/api/threads").then().statusCode(200);

            Device over = login(name, PASSWORD);
            as(first.token()).get("/api/threads").then().statusCode(401);
            auth(name, first.tokenId()).then().statusCode(404);
            as(second.token()).get("/api/threads").then().statusCode(200);
            List<String> ids = as(over.token()).get("/api/tokens").then().extract().jsonPath().getList("token_id");
            assertThat(ids).hasSize(CAP).doesNotContain(first.tokenId()).contains(second.tokenId(), over.tokenId());

            List<JsonNode> events = revocations(broker, q, name, 1);
            assertThat(events.get(0).get("token_id").asText()).isEqualTo(first.tokenId());
            assertThat(events.get(0).get("reason").asText()).isEqualTo("revoked");
        }
    }

    @Test
    void aTokenFromBeforeTokenIdsStillWorksAndLearnsItsId() throws Exception {
        // What the V2 migration leaves of a version-1 token: `<name>.<secret>`, a generated id, legacy.
        String name = unique("u");
        newUser(name, PASSWORD);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String old = name + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String tokenId = "L" + unique("").repeat(3).substring(0, 21);
        String salt = unique("salt");
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO tokens (token_id, user_name, derived_key, salt,"
                     + " iterations, keylen, created_at, legacy) VALUES (?, ?, ?, ?, 1000, 32, now() - interval '1 day',"
                     + " true)")) {
            s.setString(1, tokenId);
            s.setString(2, name);
            s.setString(3, TokenKeys.deriveKey(old, salt, 1000, 32));
            s.setString(4, salt);
            s.executeUpdate();
        }
        as(old).get("/api/threads").then().statusCode(200);
        as(old).get("/api/tokens").then().statusCode(200)
                .body("[0].token_id", equalTo(tokenId)).body("[0].current", equalTo(true));
        auth(name, tokenId).then().statusCode(200)
                .body("secret", equalTo(TokenKeys.deriveKey(old, salt, 1000, 32)));
        as(name + ".AAAA").get("/api/threads").then().statusCode(401);
        as(old).post("/api/logout").then().statusCode(204);
        as(old).get("/api/threads").then().statusCode(401);
    }

    @Test
    void loginAnswersTokenAndIdOnly() {
        String name = unique("u");
        newUser(name, PASSWORD);
        Map<String, Object> body = json().body(Map.of("name", name, "password", PASSWORD)).post("/api/login")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        assertThat(body).containsOnlyKeys("token", "token_id");
    }

    private static io.restassured.response.Response auth(String name, String tokenId) {
        return service().queryParam("token_id", tokenId).get("/internal/auth/" + name);
    }

    private List<JsonNode> revocations(Broker broker, String queue, String authid, int count) throws Exception {
        List<JsonNode> found = revocations(broker, queue, authid, count, Duration.ofSeconds(10));
        assertThat(found).as("token.revoked events of " + authid).hasSize(count);
        return found;
    }

    /** The {@code token.revoked} events of one user, up to {@code count}, read within the timeout. */
    private List<JsonNode> revocations(Broker broker, String queue, String authid, int count, Duration timeout)
            throws Exception {
        List<JsonNode> found = new ArrayList<>();
        long end = System.nanoTime() + timeout.toNanos();
        while (found.size() < count && System.nanoTime() < end) {
            GetResponse r = broker.next(queue, Duration.ofMillis(500));
            if (r == null) {
                continue;
            }
            JsonNode e = json.readTree(r.getBody());
            assertThat(r.getEnvelope().getRoutingKey()).isEqualTo("token.revoked");
            if (authid.equals(e.path("authid").asText())) {
                found.add(e);
            }
        }
        return found;
    }
}
