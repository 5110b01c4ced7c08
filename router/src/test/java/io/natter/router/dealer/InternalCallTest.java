package io.natter.router.dealer;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.router.testing.TestRealm;
import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Interrupt;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Unregister;
import io.natter.wamp.message.Yield;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InternalCallTest {

    private final TestRealm realm = new TestRealm();
    private final TestRealm.Peer callee = realm.join("worker", "authenticator", "call_canceling");

    private UniAssertSubscriber<InternalCallResult> call() {
        return realm.realm.callInternal("natter.auth", List.of("natter", "alice"), Map.of("k", 1), Duration.ofSeconds(5))
                .subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    private Invocation registerAndCall(UniAssertSubscriber<InternalCallResult>[] holder) {
        realm.send(callee, new Register(callee.request(), Map.of(), "natter.auth"));
        holder[0] = call();
        return callee.out().only(Invocation.class);
    }

    @SuppressWarnings("unchecked")
    private final UniAssertSubscriber<InternalCallResult>[] result = new UniAssertSubscriber[1];

    @Test
    void resultOfTheCallee() {
        Invocation invocation = registerAndCall(result);
        assertThat(invocation.args()).containsExactly("natter", "alice");
        assertThat(invocation.details()).doesNotContainKey("caller");
        realm.send(callee, new Yield(invocation.request(), Map.of(), List.of("user"), Map.of()));
        assertThat(result[0].assertCompleted().getItem().arg0()).isEqualTo("user");
        assertThat(realm.realm.stats().pendingCalls()).isZero();
    }

    @Test
    void calleeErrorIsMarkedAsTheCallees() {
        Invocation invocation = registerAndCall(result);
        realm.send(callee, new Error(Invocation.CODE, invocation.request(), Map.of(), "com.example.no_such_user", List.of("no"), Map.of()));
        InternalCallException failure = (InternalCallException) result[0].assertFailedWith(InternalCallException.class).getFailure();
        assertThat(failure.error()).isEqualTo("com.example.no_such_user");
        assertThat(failure.fromCallee()).isTrue();
    }

    @Test
    void noCalleeTimeoutAndCalleeGoneAreTheDealers() {
        InternalCallException none = (InternalCallException) call().assertFailedWith(InternalCallException.class).getFailure();
        assertThat(none.error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
        assertThat(none.fromCallee()).isFalse();

        registerAndCall(result);
        realm.timers.advance(5_000);
        InternalCallException timeout = (InternalCallException) result[0].assertFailedWith(InternalCallException.class).getFailure();
        assertThat(timeout.error()).isEqualTo(WampErrors.TIMEOUT);
        assertThat(timeout.fromCallee()).isFalse();
        assertThat(callee.out().messages(Interrupt.class)).as("a callee that can cancel is interrupted").hasSize(1);

        callee.clear();
        UniAssertSubscriber<InternalCallResult> gone = call();
        realm.realm.leave(callee.session());
        assertThat(((InternalCallException) gone.assertFailedWith(InternalCallException.class).getFailure()).error()).isEqualTo(WampErrors.CANCELED);
        assertThat(realm.realm.stats().isEmpty()).isTrue();
    }
}
