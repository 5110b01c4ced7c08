package io.natter.app.thread;

import static io.natter.app.support.Api.as;
import static io.natter.app.support.Api.grant;
import static io.natter.app.support.Api.json;
import static io.natter.app.support.Api.newThread;
import static io.natter.app.support.Api.newUser;
import static io.natter.app.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;

import io.natter.app.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Unread counts in the thread list and the read marker that moves them, per user across devices. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReadMarkersTest {

    @Inject
    MessageService messages;

    private void post(String thread, String author, int count) {
        for (int i = 0; i < count; i++) {
            long publication = ThreadLocalRandom.current().nextLong(1, 1L << 53);
            messages.store(new ChatMessage(publication, thread, author, "m" + i, Instant.now(), null));
        }
    }

    @Test
    void unreadCountsFollowTheMarkerWhichOnlyMovesForward() {
        String alice = unique("a");
        String aliceToken = newUser(alice);
        String bob = unique("b");
        String bobToken = newUser(bob);
        String thread = newThread(aliceToken, unique("reads "));
        grant(aliceToken, thread, bob);
        post(thread, alice, 5);

        as(bobToken).get("/api/threads").then().statusCode(200)
                .body("find { it.thread == '" + thread + "' }.last_seq", equalTo(5))
                .body("find { it.thread == '" + thread + "' }.unread", equalTo(5));

        as(bobToken).body(Map.of("seq", 3)).post("/api/threads/" + thread + "/read").then().statusCode(200)
                .body("last_read_seq", equalTo(3)).body("unread", equalTo(2));
        // an older report (another device) does not move it back; a report past the end stops at it
        as(bobToken).body(Map.of("seq", 1)).post("/api/threads/" + thread + "/read").then()
                .body("last_read_seq", equalTo(3));
        as(bobToken).body(Map.of("seq", 99)).post("/api/threads/" + thread + "/read").then()
                .body("last_read_seq", equalTo(5)).body("unread", equalTo(0));

        post(thread, alice, 2);
        as(bobToken).get("/api/threads").then().body("find { it.thread == '" + thread + "' }.unread", equalTo(2));
        // no seq: everything so far
        as(bobToken).body(Map.of()).post("/api/threads/" + thread + "/read").then()
                .body("last_read_seq", equalTo(7)).body("unread", equalTo(0));
        // alice's own marker is hers alone
        as(aliceToken).get("/api/threads").then().body("find { it.thread == '" + thread + "' }.unread", equalTo(7));
    }

    @Test
    void strangersAndBadSeqsAreRefused() {
        String owner = unique("o");
        String ownerToken = newUser(owner);
        String strangerToken = newUser(unique("s"));
        String thread = newThread(ownerToken, unique("closed "));
        as(strangerToken).body(Map.of()).post("/api/threads/" + thread + "/read").then().statusCode(404);
        as(ownerToken).body(Map.of()).post("/api/threads/no-such-thread-" + unique("x") + "/read").then().statusCode(404);
        as(ownerToken).body(Map.of("seq", -1)).post("/api/threads/" + thread + "/read").then()
                .statusCode(400).body("field", equalTo("seq"));
        as(ownerToken).body("{\"seq\":\"many\"}").post("/api/threads/" + thread + "/read").then().statusCode(400);
        json().body(Map.of()).post("/api/threads/" + thread + "/read").then().statusCode(401);
    }
}
