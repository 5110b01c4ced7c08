package io.natter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.natter.e2e.support.AppApi;
import io.natter.e2e.support.Device;
import io.natter.e2e.support.JsClient;
import io.natter.e2e.support.Stack;
import io.natter.e2e.support.StackExtension;
import io.natter.e2e.support.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A wrong token and an unknown user fail alike: the same ABORT reason and message, so the router
 * tells nobody which names exist. A token only works with its own token id.
 */
@ExtendWith(StackExtension.class)
class BadCredentialsIT {

    private static final String NOT_AUTHORIZED = "wamp.error.not_authorized";

    @Test
    void aWrongTokenAndAnUnknownUserAreRefusedAlike(Stack stack) {
        User alice = stack.app().signUp("alice");
        Device device = alice.device();
        JsClient client = stack.client("guesser");

        JsonNode wrongToken = client.joinRefused(device.withToken(alice.name() + ".not-the-token"));
        JsonNode unknownUser = client.joinRefused(device.withName(AppApi.uniqueName("nobody")));

        assertThat(wrongToken.path("reason").asText()).isEqualTo(NOT_AUTHORIZED);
        assertThat(unknownUser.path("reason").asText()).isEqualTo(NOT_AUTHORIZED);
        assertThat(unknownUser.path("message").asText()).isEqualTo(wrongToken.path("message").asText());
        // and the right token still joins
        client.join(device);
    }

    @Test
    void aTokenWorksOnlyWithItsOwnTokenId(Stack stack) {
        User alice = stack.app().signUp("alice");
        User bob = stack.app().signUp("bob");
        Device laptop = alice.device();
        Device phone = stack.app().login(alice);
        JsClient client = stack.client("mixer");

        // the laptop's token under the phone's id, and under bob's id
        JsonNode otherDevice = client.joinRefused(new Device(alice.name(), laptop.token(), phone.tokenId()));
        JsonNode otherUser = client.joinRefused(new Device(alice.name(), laptop.token(), bob.device().tokenId()));
        JsonNode unknownId = client.joinRefused(new Device(alice.name(), laptop.token(), "AAAAAAAAAAAAAAAAAAAAAA"));

        JsonNode noId = client.tryJoinWithoutTokenId(laptop);
        assertThat(noId.path("type").asText()).as("join without token_id: %s", noId).isEqualTo("aborted");

        assertThat(noId.path("reason").asText()).isEqualTo(NOT_AUTHORIZED);
        assertThat(otherDevice.path("reason").asText()).isEqualTo(NOT_AUTHORIZED);
        assertThat(otherUser.path("reason").asText()).isEqualTo(NOT_AUTHORIZED);
        assertThat(unknownId.path("reason").asText()).isEqualTo(NOT_AUTHORIZED);
        client.join(laptop);
    }
}
