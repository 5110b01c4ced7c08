package io.natter.e2e;

import static io.natter.e2e.support.Replies.expect;
import static io.natter.e2e.support.Replies.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.natter.e2e.support.Chat;
import io.natter.e2e.support.JsClient;
import io.natter.e2e.support.Stack;
import io.natter.e2e.support.StackExtension;
import io.natter.e2e.support.User;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** natter.authorize: members only on a thread, one's own notifications only, no reading by prefix. */
@ExtendWith(StackExtension.class)
class AuthorizationIT {

    private static final String NOT_AUTHORIZED = "wamp.error.not_authorized";

    @Test
    void aNonMemberIsRefusedSubscribeAndPublish(Stack stack) {
        Chat chat = Chat.open(stack, "alice", "bob");
        User mallory = chat.signUp("mallory");
        String topic = chat.topic();
        JsClient a = chat.join("alice");
        JsClient b = chat.subscribed("bob");
        JsClient m = chat.join("mallory");

        expectError(m.subscribe(topic), NOT_AUTHORIZED);
        expectError(m.publish(topic, "intrusion"), NOT_AUTHORIZED);
        // a publish without acknowledgement is dropped silently; the members never see it
        expect(m.publishNoAck(topic, "silent intrusion"), "sent");
        expect(a.publish(topic, "members only"), "published");
        b.awaitEvent(topic, "members only", Duration.ofSeconds(5));
        assertThat(b.texts(topic)).containsExactly("members only");
        // refusals end no session
        assertThat(m.closed()).isEmpty();
        expect(m.subscribe("natter.notify." + mallory.name()), "subscribed");
    }

    @Test
    void aMemberCannotReadEveryThreadByPrefixOrWildcard(Stack stack) {
        JsClient a = Chat.open(stack, "alice").join("alice");
        expectError(a.subscribe("natter.thread.", "prefix"), NOT_AUTHORIZED);
        expectError(a.subscribe("natter.thread.", "wildcard"), NOT_AUTHORIZED);
        expectError(a.subscribe("natter.presence.", "prefix"), NOT_AUTHORIZED);
    }

    @Test
    void notificationsAreForTheirUserAlone(Stack stack) {
        User alice = stack.app().signUp("alice");
        User bob = stack.app().signUp("bob");

        JsClient a = stack.client("alice");
        a.join(alice.device());
        expect(a.subscribe("natter.notify." + alice.name()), "subscribed");
        expectError(a.subscribe("natter.notify." + bob.name()), NOT_AUTHORIZED);
        // users never publish notifications: the notifier does
        expectError(a.publish("natter.notify." + alice.name(), "self-made"), NOT_AUTHORIZED);
    }

    @Test
    void anythingElseIsDenied(Stack stack) {
        User alice = stack.app().signUp("alice");
        JsClient a = stack.client("alice");
        a.join(alice.device());
        expectError(a.subscribe("wamp.session.on_join"), NOT_AUTHORIZED);
        expectError(a.call("wamp.session.list"), NOT_AUTHORIZED);
        expectError(a.call("natter.router.revoke"), NOT_AUTHORIZED);
        expectError(a.publish("com.example.anything", "x"), NOT_AUTHORIZED);
    }
}
