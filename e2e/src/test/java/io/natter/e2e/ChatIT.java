package io.natter.e2e;

import static io.natter.e2e.support.Replies.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.natter.e2e.support.Chat;
import io.natter.e2e.support.JsClient;
import io.natter.e2e.support.Stack;
import io.natter.e2e.support.StackExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Members of a thread chat on its topic: what one publishes, the others receive. */
@ExtendWith(StackExtension.class)
class ChatIT {

    @Test
    void aMemberPublishesAndTheOtherMembersReceive(Stack stack) {
        Chat chat = Chat.open(stack, "alice", "bob", "carol");
        String topic = chat.topic();
        JsClient b = chat.subscribed("bob");
        JsClient c = chat.subscribed("carol");
        JsClient a = chat.subscribed("alice");

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
        Chat chat = Chat.open(stack, "alice", "bob");
        String first = chat.topic();
        String second = chat.anotherTopic();
        JsClient a = chat.join("alice");
        JsClient b = chat.subscribed("bob");

        expect(a.publish(second, "for the second thread"), "published");
        expect(a.publish(first, "for the first thread"), "published");
        b.awaitEvent(first, "for the first thread", Duration.ofSeconds(5));
        assertThat(b.texts(second)).isEmpty();
        assertThat(b.texts(first)).containsExactly("for the first thread");
    }
}
