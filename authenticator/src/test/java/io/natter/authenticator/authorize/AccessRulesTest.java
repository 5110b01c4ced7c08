package io.natter.authenticator.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccessRulesTest {

    private static Decision decide(String uri, String action) {
        return AccessRules.decide("alice", "user", uri, action, Map.of());
    }

    @Test
    void threadPublishNeedsMembershipAndDisclosesThePublisher() {
        assertThat(decide("natter.thread.general", "publish")).isEqualTo(new Decision.IfMember("general", true));
    }

    @Test
    void threadSubscribeNeedsMembership() {
        assertThat(decide("natter.thread.team-42", "subscribe")).isEqualTo(new Decision.IfMember("team-42", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"call", "register", "unknown"})
    void otherActionsOnAThreadAreDenied(String action) {
        assertThat(decide("natter.thread.general", action)).isInstanceOf(Decision.Deny.class);
    }

    @Test
    void presenceSubscribeNeedsMembershipOtherActionsAreDenied() {
        assertThat(decide("natter.presence.general", "subscribe")).isEqualTo(new Decision.IfMember("general", false));
        assertThat(decide("natter.presence.general", "publish")).isInstanceOf(Decision.Deny.class);
        assertThat(decide("natter.presence.general", "call")).isInstanceOf(Decision.Deny.class);
    }

    @Test
    void presenceListMayBeCalledWithTheCallerDisclosed() {
        assertThat(decide("natter.presence.list", "call")).isEqualTo(new Decision.Allow(true));
        assertThat(decide("natter.presence.list", "register")).isInstanceOf(Decision.Deny.class);
        // As a topic it is the presence of a thread called "list": members only.
        assertThat(decide("natter.presence.list", "subscribe")).isEqualTo(new Decision.IfMember("list", false));
    }

    @Test
    void notificationsOnlyForTheUserThemselves() {
        assertThat(decide("natter.notify.alice", "subscribe")).isEqualTo(new Decision.Allow(false));
        assertThat(decide("natter.notify.bob", "subscribe")).isInstanceOf(Decision.Deny.class);
        assertThat(decide("natter.notify.alice", "publish")).isInstanceOf(Decision.Deny.class);
        assertThat(decide("natter.notify.alice.more", "subscribe")).isInstanceOf(Decision.Deny.class);
        assertThat(decide("natter.notify.", "subscribe")).isInstanceOf(Decision.Deny.class);
    }

    @ParameterizedTest
    @CsvSource({"natter.thread.,prefix", "natter.thread.general,prefix", "natter.thread..x,wildcard",
            "natter.presence.,prefix", "natter.notify.alice,prefix", "natter.notify.,prefix", "natter.presence.list,wildcard"})
    void patternSubscriptionsAreDenied(String uri, String match) {
        assertThat(AccessRules.decide("alice", "user", uri, "subscribe", Map.of("match", match)))
                .isInstanceOf(Decision.Deny.class);
    }

    @Test
    void explicitExactMatchIsTheDefault() {
        assertThat(AccessRules.decide("alice", "user", "natter.thread.general", "subscribe", Map.of("match", "exact")))
                .isEqualTo(new Decision.IfMember("general", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"natter.thread.General", "natter.thread.a.b", "natter.thread.a_b", "natter.thread.-a",
            "natter.thread.a--b", "natter.thread.a-", "natter.thread.", "natter.thread.a b", "natter.presence.a.b"})
    void invalidPermalinksAreDenied(String uri) {
        assertThat(decide(uri, "subscribe")).isInstanceOf(Decision.Deny.class);
        assertThat(decide(uri, "publish")).isInstanceOf(Decision.Deny.class);
    }

    @Test
    void aPermalinkOfSixtyFiveCharactersIsDenied() {
        assertThat(decide("natter.thread." + "a".repeat(64), "subscribe")).isInstanceOf(Decision.IfMember.class);
        assertThat(decide("natter.thread." + "a".repeat(65), "subscribe")).isInstanceOf(Decision.Deny.class);
    }

    @ParameterizedTest
    @CsvSource({"natter.auth,call", "natter.authorize,register", "wamp.session.list,call", "wamp.session.on_join,subscribe",
            "natter.router.revoke,call", "natter.messages,subscribe", "natter.presence.list,publish", "com.example,publish"})
    void everythingElseIsDenied(String uri, String action) {
        assertThat(decide(uri, action)).isInstanceOf(Decision.Deny.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"authenticator", "listener", "anonymous", "USER"})
    void otherRolesAreDenied(String role) {
        assertThat(AccessRules.decide("alice", role, "natter.thread.general", "subscribe", Map.of()))
                .isInstanceOf(Decision.Deny.class);
        assertThat(AccessRules.decide("alice", role, "natter.presence.list", "call", Map.of()))
                .isInstanceOf(Decision.Deny.class);
    }

    @Test
    void missingIdentityOrRequestIsDenied() {
        assertThat(AccessRules.decide(null, "user", "natter.notify.alice", "subscribe", Map.of())).isInstanceOf(Decision.Deny.class);
        assertThat(AccessRules.decide("alice", null, "natter.notify.alice", "subscribe", Map.of())).isInstanceOf(Decision.Deny.class);
        assertThat(AccessRules.decide("alice", "user", null, "subscribe", Map.of())).isInstanceOf(Decision.Deny.class);
        assertThat(AccessRules.decide("alice", "user", "natter.notify.alice", null, Map.of())).isInstanceOf(Decision.Deny.class);
        assertThat(AccessRules.decide("Not A Name", "user", "natter.notify.Not A Name", "subscribe", Map.of()))
                .isInstanceOf(Decision.Deny.class);
    }

    @Test
    void nullOptionsMeanExact() {
        assertThat(AccessRules.decide("alice", "user", "natter.thread.general", "subscribe", null))
                .isEqualTo(new Decision.IfMember("general", false));
    }
}
