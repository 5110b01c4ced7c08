package io.natter.e2e;

import static io.natter.e2e.support.Replies.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.natter.e2e.support.Chat;
import io.natter.e2e.support.JsClient;
import io.natter.e2e.support.Stack;
import io.natter.e2e.support.StackExtension;
import io.natter.e2e.support.User;
import io.natter.testsupport.ServiceProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The authenticator crashes (SIGKILL): HELLOs are refused with a clear reason while it is away;
 * restarted, it joins the router again and registers its procedures, and joins work again without
 * anything done to the router.
 */
@ExtendWith(StackExtension.class)
class AuthenticatorRestartIT {

    private static final Duration RECOVERY = Duration.ofSeconds(15);

    @Test
    void joinsWorkAgainAfterTheAuthenticatorIsRestarted(Stack stack) {
        Chat chat = Chat.open(stack, "alice", "bob");
        User alice = chat.user("alice");
        String topic = chat.topic();
        ServiceProcess authenticator = stack.authenticator();
        long routerPid = stack.router().pid();

        authenticator.kill();
        try {
            JsonNode refused = stack.client("alice").joinRefused(alice.device());
            System.out.println("e2e: HELLO without an authenticator refused: " + refused);
            assertThat(refused.path("reason").asText()).isEqualTo("wamp.error.authentication_failed");
            assertThat(refused.path("message").asText()).isNotBlank();
        } finally {
            stack.restart(authenticator);
        }

        JsonNode welcome = stack.client(alice.name()).joinWithin(alice.device(), RECOVERY);
        assertThat(welcome.path("authrole").asText()).isEqualTo("user");
        // authorization works through the new registration too
        JsClient b = chat.subscribed("bob");
        JsClient a = chat.join("alice-2", alice.device());
        expect(a.publish(topic, "back again"), "published");
        b.awaitEvent(topic, "back again", Duration.ofSeconds(5));
        assertThat(stack.router().pid()).as("router not restarted").isEqualTo(routerPid);
    }
}
