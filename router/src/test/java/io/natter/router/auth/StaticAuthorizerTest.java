package io.natter.router.auth;

import io.natter.router.access.Authorization;

import io.natter.router.access.Action;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.router.config.AllowConfig;
import io.natter.router.config.DiscloseConfig;
import io.natter.router.config.PermissionConfig;
import io.natter.router.config.RoleConfig;
import io.natter.wamp.uri.MatchPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaticAuthorizerTest {

    private static PermissionConfig rule(String uri, MatchPolicy match, AllowConfig allow, DiscloseConfig disclose) {
        return new PermissionConfig(uri, match, allow, disclose, true);
    }

    private static StaticAuthorizer role(PermissionConfig... rules) {
        return new StaticAuthorizer(new RoleConfig("r", List.of(rules), null, DiscloseConfig.NONE));
    }

    @Test
    void workshopWorkmanAndForeman() {
        // Lesson 2: "uri": "*" is loaded as the empty prefix.
        StaticAuthorizer workman = role(rule("", MatchPolicy.PREFIX, new AllowConfig(true, false, false, true), DiscloseConfig.NONE));
        StaticAuthorizer foreman = role(rule("", MatchPolicy.PREFIX, new AllowConfig(false, true, true, false), DiscloseConfig.NONE));
        assertThat(workman.decide("test", Action.CALL).allowed()).isTrue();
        assertThat(workman.decide("test", Action.SUBSCRIBE).allowed()).isTrue();
        assertThat(workman.decide("test", Action.PUBLISH).allowed()).isFalse();
        assertThat(workman.decide("test", Action.REGISTER).allowed()).isFalse();
        assertThat(foreman.decide("test", Action.REGISTER).allowed()).isTrue();
        assertThat(foreman.decide("test", Action.PUBLISH).allowed()).isTrue();
        assertThat(foreman.decide("test", Action.CALL).allowed()).isFalse();
    }

    @Test
    void noMatchingRuleDeniesAndBanishedHasNothing() {
        StaticAuthorizer authenticator = role(rule("phpyork.auth", MatchPolicy.EXACT, new AllowConfig(false, true, false, false), DiscloseConfig.NONE));
        assertThat(authenticator.decide("phpyork.auth", Action.REGISTER).allowed()).isTrue();
        assertThat(authenticator.decide("phpyork.auth.x", Action.REGISTER).allowed()).isFalse();
        assertThat(authenticator.decide("wamp.session.list", Action.CALL).allowed()).isFalse();
        assertThat(role().decide("anything", Action.SUBSCRIBE).allowed()).isFalse();
    }

    @Test
    void mostSpecificRuleWinsExactThenWildcardThenLongestPrefix() {
        AllowConfig pub = new AllowConfig(false, false, true, false);
        AllowConfig sub = new AllowConfig(false, false, false, true);
        StaticAuthorizer role = role(
                rule("a.", MatchPolicy.PREFIX, pub, DiscloseConfig.NONE),
                rule("a.b.", MatchPolicy.PREFIX, sub, DiscloseConfig.NONE),
                rule("a..c", MatchPolicy.WILDCARD, pub, DiscloseConfig.NONE),
                rule("a.b.c", MatchPolicy.EXACT, sub, DiscloseConfig.NONE));
        assertThat(role.decide("a.x", Action.PUBLISH).allowed()).as("only the short prefix").isTrue();
        assertThat(role.decide("a.b.x", Action.SUBSCRIBE).allowed()).as("longest prefix").isTrue();
        assertThat(role.decide("a.b.x", Action.PUBLISH).allowed()).as("the longer prefix decides, not a union").isFalse();
        assertThat(role.decide("a.x.c", Action.PUBLISH).allowed()).as("wildcard beats prefix, as Crossbar").isTrue();
        assertThat(role.decide("a.b.c", Action.SUBSCRIBE).allowed()).as("exact beats everything").isTrue();
        assertThat(role.decide("a.b.c", Action.PUBLISH).allowed()).isFalse();
    }

    @Test
    void disclosureFromRuleOrRolePerAction() {
        StaticAuthorizer king = role(rule("phpyork.", MatchPolicy.PREFIX, new AllowConfig(true, false, true, true), new DiscloseConfig(false, true)));
        assertThat(king.decide("phpyork.chat", Action.PUBLISH)).isEqualTo(new Authorization(true, true));
        assertThat(king.decide("phpyork.chat", Action.CALL)).isEqualTo(new Authorization(true, false));
        StaticAuthorizer byRole = new StaticAuthorizer(new RoleConfig("r",
                List.of(rule("", MatchPolicy.PREFIX, AllowConfig.ALL, DiscloseConfig.NONE)), null, new DiscloseConfig(true, false)));
        assertThat(byRole.decide("x", Action.CALL)).isEqualTo(new Authorization(true, true));
        assertThat(byRole.decide("x", Action.PUBLISH)).isEqualTo(new Authorization(true, false));
        assertThat(role().decide("x", Action.CALL).disclose()).isFalse();
    }
}
