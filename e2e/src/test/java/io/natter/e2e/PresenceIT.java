package io.natter.e2e;

import static io.natter.e2e.support.Replies.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.natter.e2e.support.AppApi;
import io.natter.e2e.support.Chat;
import io.natter.e2e.support.JsClient;
import io.natter.e2e.support.Stack;
import io.natter.e2e.support.StackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Presence and storage through the listener: members see each other online on
 * {@code natter.presence.<t>} and in {@code natter.presence.list}; a user with two tabs is online
 * once and leaves with the last; a non-member may neither list nor subscribe presence; a sent
 * message is in the thread's history once; a listener killed (SIGKILL) and restarted leaves no ghost.
 */
@ExtendWith(StackExtension.class)
class PresenceIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void twoMembersSeeEachOtherOnline(Stack stack) {
        Chat chat = Chat.open(stack, "alice", "bob");
        JsClient a = chat.subscribed("alice");
        expect(a.subscribe(presence(chat)), "subscribed");
        JsClient b = chat.subscribed("bob");
        expect(b.subscribe(presence(chat)), "subscribed");

        String alice = chat.user("alice").name();
        String bob = chat.user("bob").name();
        awaitPresence(a, chat, "joined", bob);
        awaitTrue(() -> online(b, chat).equals(sorted(alice, bob)), "both listed by bob");
        assertThat(online(a, chat)).isEqualTo(sorted(alice, bob));
    }

    @Test
    void twoTabsAreOnlineOnceAndTheLastTabClosedSendsLeft(Stack stack) {
        Chat chat = Chat.open(stack, "alice", "bob");
        JsClient watcher = chat.join("bob");
        expect(watcher.subscribe(presence(chat)), "subscribed");
        String alice = chat.user("alice").name();
        JsClient tab1 = chat.subscribed("alice");
        JsClient tab2 = chat.subscribed("alice-tab2", chat.login("alice"));
        awaitPresence(watcher, chat, "joined", alice);
        awaitTrue(() -> online(watcher, chat).equals(List.of(alice)), "alice listed once");

        tab1.leave();
        sleep(1000);
        assertThat(online(watcher, chat)).as("one tab still open").containsExactly(alice);
        assertThat(presenceEvents(watcher, chat, "left")).doesNotContain(alice);

        tab2.leave();
        awaitPresence(watcher, chat, "left", alice);
        assertThat(presenceEvents(watcher, chat, "joined")).as("joined once").containsOnlyOnce(alice);
        assertThat(online(watcher, chat)).isEmpty();
    }

    @Test
    void aNonMemberMayNeitherListNorSubscribePresence(Stack stack) {
        Chat chat = Chat.open(stack, "alice", "bob");
        chat.signUp("mallory");
        JsClient m = chat.join("mallory");
        JsonNode listed = m.call("natter.presence.list", chat.thread());
        assertThat(listed.path("type").asText()).isEqualTo("error");
        assertThat(listed.path("error").asText()).isEqualTo("wamp.error.not_authorized");
        JsonNode subscribed = m.subscribe(presence(chat));
        assertThat(subscribed.path("type").asText()).isEqualTo("error");
        assertThat(subscribed.path("error").asText()).isEqualTo("wamp.error.not_authorized");
    }

    @Test
    void aSentMessageIsInTheHistoryOnce(Stack stack) {
        Chat chat = Chat.open(stack, "alice", "bob");
        JsClient a = chat.join("alice");
        JsonNode published = expect(a.publish(chat.topic(), "kept for later"), "published");
        long publication = published.path("publication").asLong();
        assertThat(publication).isPositive();

        awaitTrue(() -> stored(stack, chat, publication) == 1, "message " + publication + " in the history");
        sleep(1000);
        assertThat(stored(stack, chat, publication)).as("once").isEqualTo(1);
    }

    @Test
    void aListenerKilledAndRestartedLeavesNoGhostAndKeepsStoring(Stack stack) {
        Chat chat = Chat.open(stack, "alice", "bob");
        JsClient watcher = chat.join("bob");
        expect(watcher.subscribe(presence(chat)), "subscribed");
        String alice = chat.user("alice").name();
        JsClient a = chat.subscribed("alice");
        long before = expect(a.publish(chat.topic(), "before the kill"), "published").path("publication").asLong();
        awaitTrue(() -> online(watcher, chat).equals(List.of(alice)), "alice online");
        awaitTrue(() -> stored(stack, chat, before) == 1, "message before the kill stored");

        long pid = stack.router().pid();
        stack.listener().kill();
        a.leave();
        stack.restart(stack.listener());

        awaitPresence(watcher, chat, "left", alice);
        awaitTrue(() -> online(watcher, chat).isEmpty(), "no ghost listed");
        long after = expect(watcher.publish(chat.topic(), "after the restart"), "published").path("publication").asLong();
        awaitTrue(() -> stored(stack, chat, after) == 1, "message after the restart stored");
        assertThat(stored(stack, chat, before)).isEqualTo(1);
        assertThat(stack.router().pid()).as("router untouched").isEqualTo(pid);
    }

    // ---------------------------------------------------------------- helpers

    private static String presence(Chat chat) {
        return "natter.presence." + chat.thread();
    }

    private static List<String> sorted(String... names) {
        List<String> list = new ArrayList<>(List.of(names));
        list.sort(null);
        return list;
    }

    /** natter.presence.list as {@code client}; fails on an error answer. */
    private static List<String> online(JsClient client, Chat chat) {
        JsonNode result = expect(client.call("natter.presence.list", chat.thread()), "result");
        List<String> names = new ArrayList<>();
        result.path("args").path(0).forEach(n -> names.add(n.asText()));
        return names;
    }

    /** The authids in the {@code field} ("joined" or "left") of every presence event {@code client} received. */
    private static List<String> presenceEvents(JsClient client, Chat chat, String field) {
        List<String> names = new ArrayList<>();
        for (JsonNode m : client.unprompted()) {
            if ("event".equals(m.path("type").asText()) && presence(chat).equals(m.path("topic").asText())) {
                JsonNode payload = m.path("args").path(0);
                if (payload.hasNonNull(field)) {
                    names.add(payload.path(field).asText());
                }
            }
        }
        return names;
    }

    private static void awaitPresence(JsClient client, Chat chat, String field, String authid) {
        awaitTrue(() -> presenceEvents(client, chat, field).contains(authid),
                client.label() + " sees " + authid + " " + field + " on " + presence(chat));
    }

    /** How many rows of the thread's history carry {@code publication} (read as the owner). */
    private static int stored(Stack stack, Chat chat, long publication) {
        AppApi.Response response = stack.app().send("GET", "/api/threads/" + chat.thread() + "/messages?limit=200", null,
                chat.user("alice").device());
        int count = 0;
        for (JsonNode m : response.ok().path("messages")) {
            if (m.path("publication").asLong() == publication) {
                count++;
            }
        }
        return count;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (AssertionError | RuntimeException e) {
                // not yet: a service on its way back
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
