package io.natter.app.thread;

import static io.natter.app.support.Api.as;
import static io.natter.app.support.Api.grant;
import static io.natter.app.support.Api.newThread;
import static io.natter.app.support.Api.newUser;
import static io.natter.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.natter.app.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** History paging over messages stored through the same service the RabbitMQ consumer uses. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HistoryTest {

    @Inject
    MessageService messages;

    private String owner;
    private String ownerToken;

    private String threadWith(int count) {
        owner = unique("o");
        ownerToken = newUser(owner);
        String thread = newThread(ownerToken, unique("history "));
        for (int i = 1; i <= count; i++) {
            long publication = ThreadLocalRandom.current().nextLong(1, 1L << 53);
            assertThat(messages.store(new ChatMessage(publication, thread, owner, "message " + i, Instant.now(), null)))
                    .isEqualTo(new MessageService.Stored(i));
        }
        return thread;
    }

    @Test
    void latestFirstPageAscending() {
        String thread = threadWith(5);
        List<Integer> seqs = as(ownerToken).get("/api/threads/" + thread + "/messages?limit=3")
                .then().statusCode(200).body("thread", equalTo(thread)).extract().path("messages.seq");
        assertThat(seqs).containsExactly(3, 4, 5);
        as(ownerToken).get("/api/threads/" + thread + "/messages")
                .then().body("messages[0].text", equalTo("message 1")).body("messages[0].author", equalTo(owner))
                .body("messages.size()", equalTo(5));
    }

    @Test
    void beforeAndAfterPage() {
        String thread = threadWith(6);
        List<Integer> before = as(ownerToken).get("/api/threads/" + thread + "/messages?before=5&limit=2")
                .then().statusCode(200).extract().path("messages.seq");
        assertThat(before).containsExactly(3, 4);
        List<Integer> after = as(ownerToken).get("/api/threads/" + thread + "/messages?after=2&limit=2")
                .then().statusCode(200).extract().path("messages.seq");
        assertThat(after).containsExactly(3, 4);
        List<Integer> between = as(ownerToken).get("/api/threads/" + thread + "/messages?after=1&before=4")
                .then().statusCode(200).extract().path("messages.seq");
        assertThat(between).containsExactly(2, 3);
    }

    @Test
    void membersOnly() {
        String thread = threadWith(1);
        String stranger = unique("s");
        String strangerToken = newUser(stranger);
        as(strangerToken).get("/api/threads/" + thread + "/messages").then().statusCode(404)
                .body("error", equalTo("not_found"));
        grant(ownerToken, thread, stranger).then().statusCode(201);
        as(strangerToken).get("/api/threads/" + thread + "/messages").then().statusCode(200)
                .body("messages.size()", equalTo(1));
        as(ownerToken).get("/api/threads/" + unique("none-") + "/messages").then().statusCode(404);
    }

    @Test
    void badParametersNameTheirField() {
        String thread = threadWith(0);
        String base = "/api/threads/" + thread + "/messages?";
        as(ownerToken).get(base + "limit=0").then().statusCode(400).body("field", equalTo("limit"));
        as(ownerToken).get(base + "limit=201").then().statusCode(400).body("field", equalTo("limit"));
        as(ownerToken).get(base + "before=x").then().statusCode(400).body("field", equalTo("before"));
        as(ownerToken).get(base + "after=-1").then().statusCode(400).body("field", equalTo("after"));
    }
}
