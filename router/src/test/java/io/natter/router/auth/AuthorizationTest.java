package io.natter.router.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.router.config.AllowConfig;
import io.natter.router.config.DiscloseConfig;
import io.natter.router.config.PermissionConfig;
import io.natter.router.config.RealmConfig;
import io.natter.router.config.RoleConfig;
import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Result;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Unsubscribed;
import io.natter.wamp.uri.MatchPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizationTest {

    private static PermissionConfig rule(String uri, MatchPolicy match, AllowConfig allow) {
        return new PermissionConfig(uri, match, allow, DiscloseConfig.NONE, true);
    }

    private static RealmConfig natter() {
        Map<String, RoleConfig> roles = new LinkedHashMap<>();
        roles.put("user", new RoleConfig("user", List.of(), "natter.authorize", new DiscloseConfig(true, false)));
        roles.put("authenticator", new RoleConfig("authenticator", List.of(
                rule("natter.", MatchPolicy.PREFIX, new AllowConfig(false, true, false, false)),
                rule("natter.router.revoke", MatchPolicy.EXACT, new AllowConfig(true, false, false, false)),
                rule("natter.thread.", MatchPolicy.PREFIX, new AllowConfig(false, false, false, true)),
                rule("wamp.session.", MatchPolicy.PREFIX, new AllowConfig(true, false, false, true))), null, DiscloseConfig.NONE));
        roles.put("banished", new RoleConfig("banished", List.of(), null, DiscloseConfig.NONE));
        return new RealmConfig("natter", roles);
    }

    private final AuthHarness harness = new AuthHarness(natter());
    private final AuthHarness.Worker authorizer = harness.new Worker("authenticator", "authenticator");

    AuthorizationTest() {
        authorizer.register("natter.authorize");
        authorizer.out.clear();
    }

    private Invocation lastInvocation() {
        List<Invocation> invocations = authorizer.invocations();
        return invocations.get(invocations.size() - 1);
    }

    private void subscribeAllowed(AuthHarness.Worker user, String topic, boolean expectAsk) {
        int before = authorizer.invocations().size();
        user.sendAsync(new Subscribe(user.next(), Map.of(), topic));
        if (expectAsk) {
            assertThat(authorizer.invocations()).hasSize(before + 1);
            authorizer.yield(lastInvocation(), Map.of("allow", true, "cache", true));
        } else {
            assertThat(authorizer.invocations()).as("answered from the session's cache").hasSize(before);
        }
        assertThat(user.out.messages(Subscribed.class)).isNotEmpty();
    }

    @Test
    void authorizerIsCalledAsCrossbarAndItsAnswerCachedPerSessionOnly() {
        AuthHarness.Worker alice = harness.new Worker("alice", "user");
        alice.sendAsync(new Subscribe(alice.next(), Map.of("match", "prefix"), "natter.thread."));
        Invocation ask = lastInvocation();
        assertThat(ask.args().subList(1, 4)).containsExactly("natter.thread.", "subscribe", Map.of("match", "prefix"));
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) ask.args().get(0);
        assertThat(details).containsEntry("session", alice.session.id()).containsEntry("authid", "alice")
                .containsEntry("authrole", "user");
        authorizer.yield(ask, false);
        assertThat(alice.out.only(Error.class).error()).isEqualTo(WampErrors.NOT_AUTHORIZED);

        subscribeAllowed(alice, "natter.thread.general", true);
        subscribeAllowed(alice, "natter.thread.general", false);
        AuthHarness.Worker bob = harness.new Worker("bob", "user");
        subscribeAllowed(bob, "natter.thread.general", true);
    }

    @Test
    void disclosureFromTheAnswerOrTheRole() {
        AuthHarness.Worker listener = harness.new Worker("listener", "authenticator");
        listener.send(new Subscribe(listener.next(), Map.of(), "natter.thread.general"));
        AuthHarness.Worker alice = harness.new Worker("alice", "user");
        alice.sendAsync(new Publish(alice.next(), Map.of(), "natter.thread.general", List.of("hi"), Map.of()));
        authorizer.yield(lastInvocation(), Map.of("allow", true, "disclose", true));
        assertThat(listener.out.only(Event.class).details()).containsEntry("publisher_authid", "alice");

        AuthHarness.Worker callee = harness.new Worker("callee", "authenticator");
        callee.send(new Register(callee.next(), Map.of(), "natter.presence.list"));
        alice.sendAsync(new Call(alice.next(), Map.of(), "natter.presence.list", List.of(), Map.of()));
        authorizer.yield(lastInvocation(), true);
        assertThat(callee.out.only(Invocation.class).details()).as("role discloses the caller").containsEntry("caller_authid", "alice");
    }

    @Test
    void authorizerFailuresDeny() {
        AuthHarness.Worker alice = harness.new Worker("alice", "user");
        alice.sendAsync(new Subscribe(alice.next(), Map.of(), "natter.thread.a"));
        authorizer.error(lastInvocation(), "wamp.error.runtime_error");
        alice.sendAsync(new Subscribe(alice.next(), Map.of(), "natter.thread.b"));
        authorizer.yield(lastInvocation(), Map.of("allow", "yes"));
        alice.sendAsync(new Subscribe(alice.next(), Map.of(), "natter.thread.c"));
        harness.timers.advance(5_000);
        List<Error> errors = alice.out.messages(Error.class);
        assertThat(errors).hasSize(3).allSatisfy(e -> assertThat(e.error()).isEqualTo(WampErrors.AUTHORIZATION_FAILED));

        authorizer.send(new io.natter.wamp.message.Unregister(authorizer.next(), harness.realm.dealer().registrations().lookup("natter.authorize", MatchPolicy.EXACT).id()));
        alice.send(new Subscribe(alice.next(), Map.of(), "natter.thread.d"));
        assertThat(alice.out.messages(Error.class)).hasSize(4).last().extracting(Error::error).isEqualTo(WampErrors.AUTHORIZATION_FAILED);
        assertThat(harness.realm.stats().pendingCalls()).isZero();
    }

    @Test
    void revokeDropsGrantsAndSubscriptionsOfThatAuthidOnly() {
        AuthHarness.Worker alice = harness.new Worker("alice", "user");
        AuthHarness.Worker bob = harness.new Worker("bob", "user");
        AuthHarness.Worker listener = harness.new Worker("listener", "authenticator");
        listener.send(new Subscribe(listener.next(), Map.of("match", "prefix"), "natter.thread."));
        subscribeAllowed(alice, "natter.thread.general", true);
        subscribeAllowed(bob, "natter.thread.general", true);
        long aliceSubscription = alice.out.only(Subscribed.class).subscription();

        AuthHarness.Worker app = harness.new Worker("app", "authenticator");
        app.send(new Call(app.next(), Map.of(), "natter.router.revoke", List.of(), Map.of("uri", "natter.thread.general", "authid", "alice")));
        assertThat(app.out.only(Result.class).args()).containsExactly(Map.of("sessions", 1, "grants", 1, "subscriptions", 1));
        Unsubscribed revoked = alice.out.only(Unsubscribed.class);
        assertThat(revoked.request()).isZero();
        assertThat(revoked.details()).containsEntry("subscription", aliceSubscription).containsEntry("reason", "natter.reason.access_revoked");
        assertThat(bob.out.messages(Unsubscribed.class)).isEmpty();
        assertThat(listener.out.messages(Unsubscribed.class)).as("static roles keep their subscriptions").isEmpty();
        assertThat(harness.realm.broker().subscriptions().list(alice.session)).isEmpty();

        subscribeAllowed(alice, "natter.thread.general", true);
        subscribeAllowed(bob, "natter.thread.general", false);

        AuthHarness.Worker mallory = harness.new Worker("mallory", "banished");
        mallory.send(new Call(mallory.next(), Map.of(), "natter.router.revoke", List.of("natter.thread.general"), Map.of()));
        assertThat(mallory.out.only(Error.class).error()).isEqualTo(WampErrors.NOT_AUTHORIZED);
    }

    @Test
    void reservedAndMetaUrisNeedAGrant() {
        AuthHarness.Worker app = harness.new Worker("app", "authenticator");
        app.send(new Register(app.next(), Map.of(), "wamp.session.fake"));
        assertThat(app.out.only(Error.class).error()).isEqualTo(WampErrors.INVALID_URI);
        app.out.clear();
        app.send(new Call(app.next(), Map.of(), "wamp.session.count", List.of(), Map.of()));
        assertThat(app.out.only(Result.class)).isNotNull();

        AuthHarness.Worker mallory = harness.new Worker("mallory", "banished");
        mallory.send(new Call(mallory.next(), Map.of(), "wamp.session.list", List.of(), Map.of()));
        mallory.send(new Subscribe(mallory.next(), Map.of(), "wamp.session.on_join"));
        mallory.send(new Publish(mallory.next(), Map.of("acknowledge", true), "wamp.session.on_join", List.of(), Map.of()));
        assertThat(mallory.out.messages(Error.class)).extracting(Error::error)
                .containsExactly(WampErrors.NOT_AUTHORIZED, WampErrors.NOT_AUTHORIZED, WampErrors.INVALID_URI);
    }
}
