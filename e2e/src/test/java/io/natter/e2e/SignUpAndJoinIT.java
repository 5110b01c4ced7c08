package io.natter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.natter.e2e.support.AppApi;
import io.natter.e2e.support.Device;
import io.natter.e2e.support.JsClient;
import io.natter.e2e.support.Stack;
import io.natter.e2e.support.StackExtension;
import io.natter.e2e.support.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user signs up over HTTP, logs in on a second device, and both devices join realm natter. */
@ExtendWith(StackExtension.class)
class SignUpAndJoinIT {

    @Test
    void signUpAndLoginGiveEachDeviceItsOwnToken(Stack stack) {
        AppApi app = stack.app();
        User alice = app.signUp("alice");
        Device laptop = alice.device();
        Device phone = app.login(alice);

        assertThat(phone.tokenId()).isNotEqualTo(laptop.tokenId());
        assertThat(phone.token().reveal()).isNotEqualTo(laptop.token().reveal());
        // the laptop's token still works after the phone logged in
        JsonNode tokens = app.tokens(laptop).ok();
        List<String> ids = new ArrayList<>();
        tokens.forEach(t -> ids.add(t.path("token_id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(laptop.tokenId(), phone.tokenId());
        tokens.forEach(t -> assertThat(t.path("current").asBoolean())
                .as("current flag of %s", t.path("token_id").asText())
                .isEqualTo(t.path("token_id").asText().equals(laptop.tokenId())));
    }

    @Test
    void bothDevicesJoinWithWampCra(Stack stack) {
        User alice = stack.app().signUp("alice");
        Device laptop = alice.device();
        Device phone = stack.app().login(alice);

        JsClient onLaptop = stack.client("alice-laptop");
        JsClient onPhone = stack.client("alice-phone");
        JsonNode first = onLaptop.join(laptop);
        JsonNode second = onPhone.join(phone);

        assertWelcome(first, laptop);
        assertWelcome(second, phone);
        assertThat(first.path("session").asLong()).isNotEqualTo(second.path("session").asLong());
        assertThat(onLaptop.closed()).isEmpty();
    }

    private static void assertWelcome(JsonNode welcome, Device device) {
        assertThat(welcome.path("authid").asText()).isEqualTo(device.name());
        assertThat(welcome.path("authrole").asText()).isEqualTo("user");
        assertThat(welcome.path("authextra").path("token_id").asText()).isEqualTo(device.tokenId());
    }
}
