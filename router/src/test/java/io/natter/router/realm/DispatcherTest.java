package io.natter.router.realm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natter.router.access.Action;
import io.natter.router.access.Authorization;
import io.natter.router.util.ProtocolViolation;
import io.natter.router.testing.TestRealm;
import io.natter.router.testing.TestRealm.Peer;
import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Cancel;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Welcome;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private final TestRealm realm = new TestRealm();
    private final Peer alice = realm.join("alice", "user");

    @Test
    void anyRequestIdInRangeIsAcceptedInAnyOrder() {
        realm.send(alice, new Subscribe(7, Map.of(), "a.b"));
        realm.send(alice, new Publish(1L << 53, Map.of(), "a.b", List.of(), Map.of()));
        realm.send(alice, new Register(3, Map.of(), "a.c"));
        realm.send(alice, new Call(3, Map.of(), "a.c", List.of(), Map.of()));

        assertThat(alice.out().messages(Subscribed.class)).hasSize(1);
        assertThat(alice.out().messages(Invocation.class)).hasSize(1);
    }

    @Test
    void aRequestIdOutOfRangeOrAPendingCallIdIsAViolation() {
        assertThatThrownBy(() -> realm.send(alice, new Subscribe(0, Map.of(), "a.b")))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("SUBSCRIBE request ID 0 is not in [1, 2^53]");
        realm.send(alice, new Register(1, Map.of(), "a.c"));
        realm.send(alice, new Call(2, Map.of(), "a.c", List.of(), Map.of()));
        assertThatThrownBy(() -> realm.send(alice, new Call(2, Map.of(), "a.c", List.of(), Map.of())))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("CALL request ID 2 is still pending");
    }

    @Test
    void requestsOfASessionThatHasLeftAddNothing() {
        Peer bob = realm.join("bob", "user");
        realm.send(bob, new Register(bob.request(), Map.of(), "a.c"));
        realm.realm.leave(alice.session());
        realm.send(alice, new Subscribe(alice.request(), Map.of(), "a.b"));
        realm.send(alice, new Register(alice.request(), Map.of(), "a.d"));
        realm.send(alice, new Call(alice.request(), Map.of(), "a.c", List.of(), Map.of()));

        assertThat(alice.out().messages()).isEmpty();
        assertThat(bob.out().messages(Invocation.class)).isEmpty();
        assertThat(realm.realm.stats().subscriptions()).isZero();
        assertThat(realm.realm.stats().registrations()).isEqualTo(1);
        assertThat(realm.realm.stats().pendingCalls()).isZero();
    }

    @Test
    void invalidUrisAreAnsweredAndTheSessionLivesOn() {
        realm.send(alice, new Subscribe(alice.request(), Map.of(), "a..b"));
        realm.send(alice, new Call(alice.request(), Map.of(), "a b", List.of(), Map.of()));
        realm.send(alice, new Register(alice.request(), Map.of(), "a.#"));
        realm.send(alice, new Subscribe(alice.request(), Map.of(), "a.ok"));

        assertThat(alice.out().messages(Error.class)).extracting(Error::error).containsOnly(WampErrors.INVALID_URI).hasSize(3);
        assertThat(alice.out().messages(Error.class)).extracting(Error::requestType)
                .containsExactly(Subscribe.CODE, Call.CODE, Register.CODE);
        assertThat(alice.out().messages(Subscribed.class)).hasSize(1);
    }

    @Test
    void wildcardPatternWithEmptyComponentIsValid() {
        realm.send(alice, new Subscribe(alice.request(), Map.of("match", "wildcard"), "a..b"));
        assertThat(alice.out().messages(Subscribed.class)).hasSize(1);
    }

    @Test
    void registeringReservedUrisIsInvalidUri() {
        realm.send(alice, new Register(alice.request(), Map.of(), "wamp.session.count"));
        Error error = alice.out().only(Error.class);
        assertThat(error.error()).isEqualTo(WampErrors.INVALID_URI);
        assertThat(error.args().get(0).toString()).contains("restricted procedure");
    }

    @Test
    void wrongOptionTypesAreProtocolViolations() {
        assertThatThrownBy(() -> realm.send(alice, new Publish(alice.request(), Map.of("acknowledge", "yes"), "a.b", List.of(), Map.of())))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("acknowledge");
        TestRealm other = new TestRealm();
        Peer bob = other.join("bob", "user");
        assertThatThrownBy(() -> other.send(bob, new Subscribe(bob.request(), Map.of("match", "regex"), "a.b")))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("match");
        Peer carol = other.join("carol", "user");
        assertThatThrownBy(() -> other.send(carol, new Register(carol.request(), Map.of("invoke", "all"), "a.b")))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("invoke");
        Peer dave = other.join("dave", "user");
        assertThatThrownBy(() -> other.send(dave, new Call(dave.request(), Map.of("timeout", -5), "a.b", List.of(), Map.of())))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("timeout");
        Peer erin = other.join("erin", "user");
        assertThatThrownBy(() -> other.send(erin, new Cancel(1, Map.of("mode", "later"))))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("mode");
    }

    @Test
    void messagesARouterNeverAcceptsAreProtocolViolations() {
        assertThatThrownBy(() -> realm.send(alice, new Event(1, 2, Map.of(), List.of(), Map.of())))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("EVENT");
        assertThatThrownBy(() -> realm.send(alice, new Welcome(1, Map.of()))).isInstanceOf(ProtocolViolation.class);
        assertThatThrownBy(() -> realm.send(alice, new Invocation(1, 2, Map.of(), List.of(), Map.of()))).isInstanceOf(ProtocolViolation.class);
        assertThatThrownBy(() -> realm.send(alice, new Error(Call.CODE, 1, Map.of(), "x.y", List.of(), Map.of())))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("INVOCATION");
    }

    @Test
    void refusedActionsAreNotAuthorizedAndFailedChecksAuthorizationFailed() {
        TestRealm guarded = new TestRealm((session, uri, action, options) -> {
            if (uri.startsWith("broken")) {
                return Uni.createFrom().failure(new IllegalStateException("authorizer down"));
            }
            return Uni.createFrom().item(uri.startsWith("open") ? Authorization.ALLOW : Authorization.DENY);
        });
        Peer bob = guarded.join("bob", "user");
        guarded.send(bob, new Subscribe(bob.request(), Map.of(), "closed.topic"));
        guarded.send(bob, new Register(bob.request(), Map.of(), "closed.proc"));
        guarded.send(bob, new Call(bob.request(), Map.of(), "closed.proc", List.of(), Map.of()));
        guarded.send(bob, new Publish(bob.request(), Map.of("acknowledge", true), "closed.topic", List.of(), Map.of()));
        guarded.send(bob, new Subscribe(bob.request(), Map.of(), "broken.topic"));
        guarded.send(bob, new Subscribe(bob.request(), Map.of(), "open.topic"));

        assertThat(bob.out().messages(Error.class)).extracting(Error::error).containsExactly(WampErrors.NOT_AUTHORIZED,
                WampErrors.NOT_AUTHORIZED, WampErrors.NOT_AUTHORIZED, WampErrors.NOT_AUTHORIZED, WampErrors.AUTHORIZATION_FAILED);
        assertThat(bob.out().messages(Subscribed.class)).hasSize(1);
        assertThat(guarded.realm.stats().subscriptions()).isEqualTo(1);
    }

    @Test
    void authorizerIsAskedWithTheActionAndMayDiscloseIdentity() {
        List<Action> asked = new ArrayList<>();
        TestRealm guarded = new TestRealm((session, uri, action, options) -> {
            asked.add(action);
            return Uni.createFrom().item(new Authorization(true, true));
        });
        Peer callee = guarded.join("callee", "service");
        Peer caller = guarded.join("caller", "user");
        guarded.send(callee, new Register(callee.request(), Map.of(), "com.add"));
        guarded.send(callee, new Subscribe(callee.request(), Map.of(), "com.news"));
        guarded.send(caller, new Call(caller.request(), Map.of(), "com.add", List.of(), Map.of()));
        guarded.send(caller, new Publish(caller.request(), Map.of(), "com.news", List.of(), Map.of()));

        assertThat(asked).containsExactly(Action.REGISTER, Action.SUBSCRIBE, Action.CALL, Action.PUBLISH);
        assertThat(callee.out().only(Invocation.class).details()).containsEntry("caller_authid", "caller");
        assertThat(callee.out().only(Event.class).details()).containsEntry("publisher_authid", "caller");
    }

    @Test
    void asynchronousAuthorizerCompletesTheRequestLater() {
        AtomicReference<UniEmitter<? super Authorization>> pending = new AtomicReference<>();
        TestRealm guarded = new TestRealm((session, uri, action, options) -> Uni.createFrom().<Authorization>emitter(pending::set));
        Peer bob = guarded.join("bob", "user");
        List<Object> done = new ArrayList<>();
        guarded.realm.handle(bob.session(), new Register(bob.request(), Map.of(), "com.add")).subscribe().with(done::add);

        assertThat(bob.out().messages()).isEmpty();
        assertThat(done).isEmpty();
        pending.get().complete(Authorization.ALLOW);
        assertThat(bob.out().messages(Registered.class)).hasSize(1);
        assertThat(done).hasSize(1);
    }
}
