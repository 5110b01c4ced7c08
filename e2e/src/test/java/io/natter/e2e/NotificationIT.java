package io.natter.e2e;

import static io.natter.e2e.support.Replies.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.natter.e2e.support.AppApi;
import io.natter.e2e.support.Chat;
import io.natter.e2e.support.JsClient;
import io.natter.e2e.support.Broker;
import io.natter.e2e.support.Stack;
import io.natter.e2e.support.StackExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Notifications through the notifier: a message another system puts on RabbitMQ with routing key
 * {@code user.<bob>} reaches bob's browser session (Autobahn|JS) on {@code natter.notify.<bob>} and no
 * one else's; {@code POST /api/notifications} is delivered the same way, under the id app-api answered;
 * {@code thread.<t>} reaches each member's session, not a stranger's, and a member without a session
 * finds it in {@code GET /api/notifications?unread=true} under the same id.
 */
@ExtendWith(StackExtension.class)
class NotificationIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aRabbitMqMessageForBobReachesBobOnly(Stack stack) throws Exception {
        Chat chat = Chat.open(stack, "alice", "bob");
        chat.signUp("carol");
        String bob = chat.user("bob").name();
        String carol = chat.user("carol").name();
        JsClient b = chat.join("bob");
        expect(b.subscribe("natter.notify." + bob), "subscribed");
        JsClient c = chat.join("carol");
        expect(c.subscribe("natter.notify." + carol), "subscribed");

        Broker.notification(stack, "user." + bob, "{\"title\":\"Invoice ready\",\"body\":\"see billing\",\"from\":\"billing\"}");
        JsonNode n = awaitNotification(b, bob, "Invoice ready");
        assertThat(n.path("body").asText()).isEqualTo("see billing");
        assertThat(n.path("from").asText()).isEqualTo("billing");
        assertThat(n.path("id").asText()).isNotBlank();

        AppApi.Response accepted = stack.app().post("/api/notifications",
                Map.of("to_user", bob, "title", "From alice"), chat.user("alice").device());
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode viaHttp = awaitNotification(b, bob, "From alice");
        assertThat(viaHttp.path("id").asText()).isEqualTo(accepted.body().path("id").asText());
        assertThat(viaHttp.path("from").asText()).isEqualTo(chat.user("alice").name());

        Thread.sleep(1000);
        assertThat(events(c, carol)).as("carol got nothing").isEmpty();
        assertThat(events(b, bob)).hasSize(2);
    }

    @Test
    void aThreadNotificationReachesEachMemberAndAnOfflineOneFindsItInTheInbox(Stack stack) throws Exception {
        Chat chat = Chat.open(stack, "alice", "bob", "dave");
        chat.signUp("carol");
        String alice = chat.user("alice").name();
        String bob = chat.user("bob").name();
        String carol = chat.user("carol").name();
        JsClient a = chat.join("alice");
        expect(a.subscribe("natter.notify." + alice), "subscribed");
        JsClient b = chat.join("bob");
        expect(b.subscribe("natter.notify." + bob), "subscribed");
        JsClient c = chat.join("carol");
        expect(c.subscribe("natter.notify." + carol), "subscribed");

        Broker.notification(stack, "thread." + chat.thread(), "{\"title\":\"Release tonight\"}");
        String id = awaitNotification(a, alice, "Release tonight").path("id").asText();
        assertThat(awaitNotification(b, bob, "Release tonight").path("id").asText()).isEqualTo(id);

        // dave has no session: his inbox has it, under the same id, and app-api's own "alice added you"
        // (through the outbox, at most a second or so after the grant)
        List<JsonNode> kept = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (kept.size() < 2 && System.nanoTime() < deadline) {
            AppApi.Response inbox = stack.app().send("GET", "/api/notifications?unread=true", null,
                    chat.user("dave").device());
            assertThat(inbox.status()).isEqualTo(200);
            kept.clear();
            inbox.body().forEach(kept::add);
            if (kept.size() < 2) {
                Thread.sleep(100);
            }
        }
        assertThat(kept).extracting(n -> n.path("title").asText()).containsExactlyInAnyOrder("Release tonight",
                alice + " added you to “e2e " + alice + "”");
        assertThat(kept).filteredOn(n -> n.path("title").asText().equals("Release tonight"))
                .extracting(n -> n.path("id").asText()).containsExactly(id);
        Thread.sleep(1000);
        assertThat(events(c, carol)).as("not a member").isEmpty();
    }

    /** What {@code user} got on natter.notify.<user>, but for app-api's own "added you to a thread" ones. */
    private static List<JsonNode> events(JsClient client, String user) {
        return client.unprompted().stream()
                .filter(m -> "event".equals(m.path("type").asText())
                        && ("natter.notify." + user).equals(m.path("topic").asText()))
                .map(m -> m.path("args").path(0))
                .filter(n -> !"thread.member_added".equals(n.path("data").path("kind").asText()))
                .toList();
    }

    private static JsonNode awaitNotification(JsClient client, String user, String title) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode n : events(client, user)) {
                if (title.equals(n.path("title").asText())) {
                    return n;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(user + " got no notification '" + title + "' within " + WAIT.toSeconds()
                + " s; it got: " + client.unprompted());
    }
}
