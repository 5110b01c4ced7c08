package io.natter.app.notify;

import static io.natter.app.support.Api.as;
import static io.natter.app.support.Api.newUser;
import static io.natter.app.support.Api.service;
import static io.natter.app.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.natter.app.inbox.InboxService;
import io.natter.app.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inbox: kept when the notifier says so (idempotent by id), listed, marked read, purged. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InboxTest {

    @Inject
    InboxService inbox;

    private static void keep(List<String> recipients, String id, String title) {
        service().contentType("application/json").body(Map.of("recipients", recipients, "notification",
                Map.of("id", id, "title", title, "body", "b", "data", Map.of("k", 1), "from", "billing",
                        "ts", "2026-12-06T12:00:00Z"))).post("/internal/notifications").then().statusCode(204);
    }

    @Test
    void anOfflineUserFindsTheNotificationUntilRead() {
        String bob = unique("bob");
        String carol = unique("carol");
        String bobToken = newUser(bob);
        String carolToken = newUser(carol);
        String id = unique("n-");
        keep(List.of(bob, unique("ghost")), id, "Hello");
        keep(List.of(bob), id, "Hello again");

        as(bobToken).get("/api/notifications?unread=true").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].id", equalTo(id)).body("[0].title", equalTo("Hello"))
                .body("[0].body", equalTo("b")).body("[0].data.k", equalTo(1)).body("[0].from", equalTo("billing"))
                .body("[0].ts", equalTo("2026-12-06T12:00:00Z")).body("[0].read", equalTo(false));
        as(carolToken).get("/api/notifications").then().statusCode(200).body("size()", equalTo(0));

        as(carolToken).body(Map.of("ids", List.of(id))).post("/api/notifications/read").then().statusCode(200)
                .body("marked", equalTo(0));
        as(bobToken).body(Map.of("ids", List.of(id, "other"))).post("/api/notifications/read").then().statusCode(200)
                .body("marked", equalTo(1));
        as(bobToken).get("/api/notifications?unread=true").then().statusCode(200).body("size()", equalTo(0));
        as(bobToken).get("/api/notifications").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].read", equalTo(true));
    }

    @Test
    void refusedWithoutCredentialsOrWithBadInput() {
        String token = newUser(unique("u"));
        given().get("/api/notifications").then().statusCode(401);
        as(token).get("/api/notifications?unread=maybe").then().statusCode(400).body("field", equalTo("unread"));
        as(token).body(Map.of("ids", List.of())).post("/api/notifications/read").then().statusCode(400)
                .body("field", equalTo("ids"));
        given().contentType("application/json").body(Map.of("recipients", List.of("x"), "notification",
                Map.of("id", "i", "title", "t", "ts", "now"))).post("/internal/notifications").then().statusCode(401);
        service().contentType("application/json").body(Map.of("recipients", List.of("x"), "notification",
                Map.of("id", "i", "ts", "now"))).post("/internal/notifications").then().statusCode(400);
    }

    private static Map<String, Object> entry(List<String> recipients, String id, String title) {
        return Map.of("recipients", recipients, "notification", Map.of("id", id, "title", title, "ts", "2026-12-06T12:00:00Z"));
    }

    @Test
    void aBatchIsKeptWholeOnceEachAndABadEntryKeepsNone() {
        String bob = unique("bob");
        String carol = unique("carol");
        String bobToken = newUser(bob);
        String carolToken = newUser(carol);
        String a = unique("a-");
        String b = unique("b-");
        service().contentType("application/json").body(Map.of("entries", List.of(
                entry(List.of(bob, carol, unique("ghost")), a, "First"),
                entry(List.of(bob), b, "Second"),
                entry(List.of(bob), a, "First, again in the same batch")))).post("/internal/notifications/batch")
                .then().statusCode(204);
        service().contentType("application/json").body(Map.of("entries", List.of(entry(List.of(carol), a, "Redelivered"))))
                .post("/internal/notifications/batch").then().statusCode(204);

        as(bobToken).get("/api/notifications").then().statusCode(200).body("size()", equalTo(2))
                .body("find { it.id == '" + a + "' }.title", equalTo("First"));
        as(carolToken).get("/api/notifications").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].title", equalTo("First"));

        String c = unique("c-");
        service().contentType("application/json").body(Map.of("entries", List.of(entry(List.of(carol), c, "Fine"),
                Map.of("recipients", List.of(carol), "notification", Map.of("id", c + "x", "ts", "now")))))
                .post("/internal/notifications/batch").then().statusCode(400).body("field", equalTo("entries[1]"));
        as(carolToken).get("/api/notifications").then().statusCode(200).body("size()", equalTo(1));
        service().contentType("application/json").body(Map.of("entries", List.of()))
                .post("/internal/notifications/batch").then().statusCode(400).body("field", equalTo("entries"));
        given().contentType("application/json").body(Map.of("entries", List.of(entry(List.of(carol), c, "t"))))
                .post("/internal/notifications/batch").then().statusCode(401);
    }

    @Test
    void notificationsPastTheRetentionAreDeleted() {
        String bob = unique("bob");
        String token = newUser(bob);
        keep(List.of(bob), unique("old-"), "Old");
        assertThat(inbox.purgeOlderThan(Instant.now().plusSeconds(5))).isGreaterThanOrEqualTo(1);
        as(token).get("/api/notifications").then().statusCode(200).body("size()", equalTo(0));
    }
}
