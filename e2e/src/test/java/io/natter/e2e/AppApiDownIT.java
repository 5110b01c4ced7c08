package io.natter.e2e;

import static io.natter.e2e.support.Replies.expect;
import static io.natter.e2e.support.Replies.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.natter.e2e.support.Chat;
import io.natter.e2e.support.JsClient;
import io.natter.e2e.support.Stack;
import io.natter.e2e.support.StackExtension;
import io.natter.e2e.support.User;
import io.natter.testsupport.ServiceProcess;
import java.time.Duration;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * app-api crashes (SIGKILL): a HELLO is refused at once with a clear reason instead of hanging, the
 * sessions already joined live on (what the router has granted them keeps working, what needs
 * app-api's word is refused), and joins work again once app-api is back, with no restart of the
 * router or the authenticator.
 */
@ExtendWith(StackExtension.class)
class AppApiDownIT {

    /** A refusal comes within the router's authenticator timeout (5 s) and some slack, never later. */
    private static final Duration REFUSAL = Duration.ofSeconds(8);
    private static final Duration RECOVERY = Duration.ofSeconds(15);

    @Test
    void helloIsRefusedWhileAppApiIsDownAndWorksOnceItIsBack(Stack stack) {
        Chat chat = Chat.open(stack, "alice", "bob");
        // never joined before: nothing about her can be cached in the authenticator
        User newcomer = chat.signUp("newcomer");
        String topic = chat.topic();
        String unused = chat.anotherTopic();
        JsClient a = chat.join("alice");
        JsClient b = chat.subscribed("bob");
        expect(a.publish(topic, "before the outage"), "published");
        b.awaitEvent(topic, "before the outage", Duration.ofSeconds(5));

        ServiceProcess appApi = stack.appApi();
        long routerPid = stack.router().pid();
        long authenticatorPid = stack.authenticator().pid();
        // the refusal's checks are soft so that the recovery below is checked (and reported) too
        SoftAssertions refusal = new SoftAssertions();
        appApi.kill();
        try {
            JsClient n = stack.client("newcomer");
            long start = System.nanoTime();
            JsonNode refused = n.joinRefused(newcomer.device());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("e2e: HELLO with app-api down refused in " + took.toMillis() + " ms: " + refused);
            refusal.assertThat(refused.path("reason").asText()).as("ABORT reason")
                    .isEqualTo("wamp.error.authentication_failed");
            refusal.assertThat(refused.path("message").asText()).as("ABORT message").isNotBlank();
            refusal.assertThat(took).as("time to the refusal").isLessThan(REFUSAL);

            // the joined sessions are untouched and still chat where the router holds their grants
            assertThat(a.closed()).isEmpty();
            assertThat(b.closed()).isEmpty();
            expect(a.publish(topic, "while app-api is down"), "published");
            b.awaitEvent(topic, "while app-api is down", Duration.ofSeconds(5));
            // what needs app-api's word fails closed, with a clear error and the session alive
            expectError(a.publish(unused, "nobody can tell"), "wamp.error.authorization_failed");
            assertThat(a.closed()).isEmpty();
        } finally {
            stack.restart(appApi);
        }

        JsonNode welcome = stack.client(newcomer.name()).joinWithin(newcomer.device(), RECOVERY);
        assertThat(welcome.path("authid").asText()).isEqualTo(newcomer.name());
        assertThat(stack.router().pid()).as("router not restarted").isEqualTo(routerPid);
        assertThat(stack.authenticator().pid()).as("authenticator not restarted").isEqualTo(authenticatorPid);
        refusal.assertAll();
    }
}
