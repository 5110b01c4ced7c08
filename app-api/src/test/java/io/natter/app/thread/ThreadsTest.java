package io.natter.app.thread;

import static io.natter.app.support.Api.as;
import static io.natter.app.support.Api.grant;
import static io.natter.app.support.Api.json;
import static io.natter.app.support.Api.newThread;
import static io.natter.app.support.Api.newUser;
import static io.natter.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.natter.app.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ThreadsTest {

    @Test
    void createMakesAPermalinkAndTheOwnerAMember() {
        String owner = unique("o");
        String token = newUser(owner);
        String title = "Ça va? " + unique("Topic ");
        String thread = as(token).body(Map.of("title", title)).post("/api/threads")
                .then().statusCode(201).body("title", equalTo(title)).body("owner", equalTo(owner))
                .extract().path("thread");
        assertThat(thread).startsWith("ca-va-topic-").matches("[a-z0-9]+(-[a-z0-9]+)*");
        as(token).get("/api/threads/" + thread).then().statusCode(200)
                .body("thread", equalTo(thread)).body("members", contains(owner));
    }

    @Test
    void sameTitleGetsDistinctPermalinks() {
        String token = newUser(unique("o"));
        String title = unique("same title ");
        String first = newThread(token, title);
        String second = newThread(token, title);
        assertThat(second).isNotEqualTo(first).startsWith(first + "-");
    }

    @Test
    void titleWithoutLettersStillGetsAPermalink() {
        String token = newUser(unique("o"));
        assertThat(newThread(token, "!!! ???")).matches("thread(-[a-z0-9]+)?");
    }

    @Test
    void badTitlesAre400OnTitle() {
        String token = newUser(unique("o"));
        as(token).body(Map.of("title", "   ")).post("/api/threads").then().statusCode(400).body("field", equalTo("title"));
        as(token).body(Map.of()).post("/api/threads").then().statusCode(400).body("field", equalTo("title"));
        as(token).body(Map.of("title", "x".repeat(201))).post("/api/threads")
                .then().statusCode(400).body("field", equalTo("title"));
    }

    @Test
    void everyThreadEndpointNeedsAToken() {
        json().body(Map.of("title", "t")).post("/api/threads").then().statusCode(401);
        json().get("/api/threads").then().statusCode(401);
        json().get("/api/threads/x").then().statusCode(401);
        json().body(Map.of("name", "x")).post("/api/threads/x/members").then().statusCode(401);
        json().delete("/api/threads/x/members/y").then().statusCode(401);
        json().get("/api/threads/x/messages").then().statusCode(401);
    }

    @Test
    void listShowsOnlyTheCallersThreads() {
        String alice = unique("a");
        String aliceToken = newUser(alice);
        String bob = unique("b");
        String bobToken = newUser(bob);
        String mine = newThread(aliceToken, unique("alice's "));
        String shared = newThread(bobToken, unique("bob's "));
        String hidden = newThread(bobToken, unique("secret "));
        grant(bobToken, shared, alice).then().statusCode(201);
        List<String> listed = as(aliceToken).get("/api/threads").then().statusCode(200).extract().path("thread");
        assertThat(listed).containsExactly(mine, shared).doesNotContain(hidden);
    }

    @Test
    void aThreadIsThe404OfAMissingOneToNonMembers() {
        String ownerToken = newUser(unique("o"));
        String strangerToken = newUser(unique("s"));
        String thread = newThread(ownerToken, unique("private "));
        String missing = as(strangerToken).get("/api/threads/" + unique("nope-"))
                .then().statusCode(404).body("error", equalTo("not_found")).extract().asString();
        // A stranger cannot tell an existing thread from a missing one.
        String hidden = as(strangerToken).get("/api/threads/" + thread).then().statusCode(404).extract().asString();
        assertThat(hidden).isEqualTo(missing);
        as(strangerToken).get("/api/threads/" + thread + "/messages").then().statusCode(404);
        grant(strangerToken, thread, "someone").then().statusCode(404);
        as(strangerToken).delete("/api/threads/" + thread + "/members/someone").then().statusCode(404);
        as(ownerToken).get("/api/threads/Not_A_Permalink").then().statusCode(404);
    }

    @Test
    void nulInATitleIs400OnTitle() {
        String token = newUser(unique("o"));
        as(token).body(Map.of("title", "a\u0000b")).post("/api/threads")
                .then().statusCode(400).contentType(io.restassured.http.ContentType.JSON)
                .body("error", equalTo("bad_request")).body("field", equalTo("title"));
    }

    @Test
    void ownerGrantsAndRevokes() {
        String owner = unique("o");
        String ownerToken = newUser(owner);
        String member = unique("m");
        String memberToken = newUser(member);
        String thread = newThread(ownerToken, unique("team "));
        grant(ownerToken, thread, member).then().statusCode(201)
                .body("thread", equalTo(thread)).body("name", equalTo(member));
        grant(ownerToken, thread, member).then().statusCode(200);
        as(memberToken).get("/api/threads/" + thread).then().statusCode(200).body("members", hasItem(member));
        as(ownerToken).delete("/api/threads/" + thread + "/members/" + member).then().statusCode(204);
        as(memberToken).get("/api/threads/" + thread).then().statusCode(404);
        as(ownerToken).get("/api/threads/" + thread).then().body("members", not(hasItem(member)));
        as(ownerToken).delete("/api/threads/" + thread + "/members/" + member).then().statusCode(404);
    }

    @Test
    void onlyTheOwnerManagesMembers() {
        String ownerToken = newUser(unique("o"));
        String member = unique("m");
        String memberToken = newUser(member);
        String other = unique("x");
        newUser(other);
        String thread = newThread(ownerToken, unique("owned "));
        grant(ownerToken, thread, member).then().statusCode(201);
        grant(memberToken, thread, other).then().statusCode(403).body("error", equalTo("forbidden"));
        as(memberToken).delete("/api/threads/" + thread + "/members/" + member).then().statusCode(403);
    }

    @Test
    void grantErrors() {
        String owner = unique("o");
        String ownerToken = newUser(owner);
        String thread = newThread(ownerToken, unique("errors "));
        grant(ownerToken, thread, unique("ghost")).then().statusCode(404).body("error", equalTo("not_found"));
        grant(ownerToken, thread, "Bad Name").then().statusCode(400).body("field", equalTo("name"));
        as(ownerToken).body(Map.of()).post("/api/threads/" + thread + "/members")
                .then().statusCode(400).body("field", equalTo("name"));
        grant(ownerToken, unique("missing-"), owner).then().statusCode(404);
        as(ownerToken).delete("/api/threads/" + thread + "/members/" + owner)
                .then().statusCode(409).body("error", equalTo("conflict"));
        as(ownerToken).delete("/api/threads/" + thread + "/members/BAD").then().statusCode(400);
    }
}
