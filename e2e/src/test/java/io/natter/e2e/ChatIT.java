package io.natter.e2e;

import static io.natter.e2e.support.Replies.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.natter.e2e.support.AppApi;
import io.natter.e2e.support.JsClient;
import io.natter.e2e.support.Stack;
import io.natter.e2e.support.StackExtension;
import io.natter.e2e.support.User;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Members of a thread chat on its topic: what one publishes, the others receive. */
@ExtendWith(StackExtension.class)
class ChatIT {

    @Test
    void aMemberPublishesAndTheOtherMembersReceive(Stack stack) {
        AppApi app = stack.app();
        User alice = app.signUp("alice");
        User bob = app.signUp("bob");
        User carol = app.signUp("carol");
        String topic = AppApi.topic(app.threadWith(alice, bob, carol));

        JsClient a = stack.client("alice");
        JsClient b = stack.client("bob");
        JsClient c = stack.client("carol");
        a.join(alice.device());
        b.join(bob.device());
        c.join(carol.device());
        expect(b.subscribe(topic), "subscribed");
        expect(c.subscribe(topic), "subscribed");
        expect(a.subscribe(topic), "subscribed");

        expect(a.publish(topic, "hello from alice"), "published");
        JsonNode atBob = b.awaitEvent(topic, "hello from alice", Duration.ofSeconds(5));
        c.awaitEvent(topic, "hello from alice", Duration.ofSeconds(5));
        expect(b.publishNoAck(topic, "hi alice"), "sent");
        a.awaitEvent(topic, "hi alice", Duration.ofSeconds(5));
        c.awaitEvent(topic, "hi alice", Duration.ofSeconds(5));

        assertThat(atBob.path("details").path("publication").asLong()).isPositive();
        // publisher exclusion: nobody hears their own message back
        assertThat(a.texts(topic)).containsExactly("hi alice");
        assertThat(b.texts(topic)).containsExactly("hello from alice");
    }

    @Test
    void messagesOfOneThreadStayInThatThread(Stack stack) {
        AppApi app = stack.app();
        User alice = app.signUp("alice");
        User bob = app.signUp("bob");
        String first = AppApi.topic(app.threadWith(alice, bob));
        String second = AppApi.topic(app.threadWith(alice, bob));

        JsClient a = stack.client("alice");
        JsClient b = stack.client("bob");
        a.join(alice.device());
        b.join(bob.device());
        expect(b.subscribe(first), "subscribed");

        expect(a.publish(second, "for the second thread"), "published");
        expect(a.publish(first, "for the first thread"), "published");
        b.awaitEvent(first, "for the first thread", Duration.ofSeconds(5));
        assertThat(b.texts(second)).isEmpty();
        assertThat(b.texts(first)).containsExactly("for the first thread");
    }
}
