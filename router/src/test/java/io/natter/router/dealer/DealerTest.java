package io.natter.router.dealer;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.router.testing.TestRealm;
import io.natter.router.testing.TestRealm.Peer;
import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Cancel;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Interrupt;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Result;
import io.natter.wamp.message.Unregister;
import io.natter.wamp.message.Unregistered;
import io.natter.wamp.message.Yield;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DealerTest {

    private final TestRealm realm = new TestRealm();
    private final Peer caller = realm.join("caller", "user");
    private final Peer callee = realm.join("callee", "service", "call_canceling", "progressive_call_results");
    private final Peer plainCallee = realm.join("plain", "service");

    private long register(Peer peer, String procedure, String match, String invoke) {
        Map<String, Object> options = new LinkedHashMap<>();
        if (match != null) {
            options.put("match", match);
        }
        if (invoke != null) {
            options.put("invoke", invoke);
        }
        long request = peer.request();
        realm.send(peer, new Register(request, options, procedure));
        return peer.out().messages(Registered.class).stream().filter(r -> r.request() == request)
                .map(Registered::registration).findFirst().orElse(-1L);
    }

    private long call(String procedure, Map<String, Object> options) {
        long request = caller.request();
        realm.send(caller, new Call(request, options, procedure, List.of(1, 2), Map.of("x", "y")));
        return request;
    }

    private Invocation lastInvocation(Peer peer) {
        List<Invocation> invocations = peer.out().messages(Invocation.class);
        return invocations.get(invocations.size() - 1);
    }

    @Test
    void callIsInvokedAndTheYieldReturnedAsResult() {
        long registration = register(callee, "com.add", null, null);
        long request = call("com.add", Map.of());

        Invocation invocation = callee.out().only(Invocation.class);
        assertThat(invocation.registration()).isEqualTo(registration);
        assertThat(invocation.args()).containsExactly(1, 2);
        assertThat(invocation.kwargs()).containsEntry("x", "y");
        assertThat(invocation.details()).isEmpty();

        realm.send(callee, new Yield(invocation.request(), Map.of(), List.of(3), Map.of()));
        Result result = caller.out().only(Result.class);
        assertThat(result.request()).isEqualTo(request);
        assertThat(result.args()).containsExactly(3);
        assertThat(realm.realm.stats().pendingCalls()).isZero();
    }

    @Test
    void callToUnregisteredProcedureIsNoSuchProcedure() {
        call("com.nothing", Map.of());
        Error error = caller.out().only(Error.class);
        assertThat(error.requestType()).isEqualTo(Call.CODE);
        assertThat(error.error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
        assertThat(error.args().get(0).toString()).contains("com.nothing");
    }

    @Test
    void calleeErrorIsForwardedToTheCaller() {
        register(callee, "com.fail", null, null);
        long request = call("com.fail", Map.of());
        Invocation invocation = callee.out().only(Invocation.class);
        realm.send(callee, new Error(Invocation.CODE, invocation.request(), Map.of(), "com.error.bad", List.of("no"), Map.of()));

        Error error = caller.out().only(Error.class);
        assertThat(error.request()).isEqualTo(request);
        assertThat(error.error()).isEqualTo("com.error.bad");
        assertThat(error.args()).containsExactly("no");
    }

    @Test
    void yieldForUnknownInvocationIsIgnored() {
        realm.send(callee, new Yield(12345, Map.of(), List.of(), Map.of()));
        assertThat(caller.out().messages()).isEmpty();
        assertThat(callee.out().messages()).isEmpty();
    }

    @Test
    void exactBeatsPrefixBeatsWildcardAndPatternsCarryTheProcedure() {
        Peer exact = realm.join("exact", "service");
        long prefixId = register(callee, "com.math", "prefix", null);
        long wildcardId = register(plainCallee, "com..add", "wildcard", null);
        long exactId = register(exact, "com.math.add", null, null);

        call("com.math.add", Map.of());
        assertThat(lastInvocation(exact).registration()).isEqualTo(exactId);

        call("com.math.mul", Map.of());
        Invocation byPrefix = lastInvocation(callee);
        assertThat(byPrefix.registration()).isEqualTo(prefixId);
        assertThat(byPrefix.details()).containsEntry("procedure", "com.math.mul");

        call("com.other.add", Map.of());
        Invocation byWildcard = lastInvocation(plainCallee);
        assertThat(byWildcard.registration()).isEqualTo(wildcardId);
        assertThat(byWildcard.details()).containsEntry("procedure", "com.other.add");
    }

    @Test
    void longerPrefixWins() {
        register(callee, "com", "prefix", null);
        long longer = register(plainCallee, "com.math", "prefix", null);
        call("com.math.add", Map.of());
        assertThat(lastInvocation(plainCallee).registration()).isEqualTo(longer);
        assertThat(callee.out().messages(Invocation.class)).isEmpty();
    }

    @Test
    void singleRegistrationRefusesASecondCallee() {
        register(callee, "com.add", null, null);
        long refused = register(plainCallee, "com.add", null, null);

        assertThat(refused).isEqualTo(-1L);
        Error error = plainCallee.out().only(Error.class);
        assertThat(error.requestType()).isEqualTo(Register.CODE);
        assertThat(error.error()).isEqualTo(WampErrors.PROCEDURE_ALREADY_EXISTS);
    }

    @Test
    void mismatchedInvocationPolicyIsRefused() {
        register(callee, "com.add", null, "roundrobin");
        register(plainCallee, "com.add", null, "random");
        assertThat(plainCallee.out().only(Error.class).error())
                .isEqualTo(WampErrors.PROCEDURE_EXISTS_WITH_DIFFERENT_INVOCATION_POLICY);
    }

    @Test
    void sameSessionCannotRegisterTwice() {
        register(callee, "com.add", null, "roundrobin");
        register(callee, "com.add", null, "roundrobin");
        assertThat(callee.out().only(Error.class).error()).isEqualTo(WampErrors.PROCEDURE_ALREADY_EXISTS);
    }

    @Test
    void roundRobinTakesCalleesInTurn() {
        Peer third = realm.join("third", "service");
        long first = register(callee, "com.work", null, "roundrobin");
        assertThat(register(plainCallee, "com.work", null, "roundrobin")).isEqualTo(first);
        register(third, "com.work", null, "roundrobin");

        List<Peer> peers = List.of(callee, plainCallee, third);
        int[] seen = new int[peers.size()];
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            call("com.work", Map.of());
            for (int j = 0; j < peers.size(); j++) {
                int now = peers.get(j).out().messages(Invocation.class).size();
                if (now > seen[j]) {
                    order.add(peers.get(j).session().authid());
                    seen[j] = now;
                }
            }
        }
        assertThat(order).containsExactly("callee", "plain", "third", "callee", "plain", "third");
    }

    @Test
    void firstAndLastPickByRegistrationOrder() {
        register(callee, "com.first", null, "first");
        register(plainCallee, "com.first", null, "first");
        register(callee, "com.last", null, "last");
        register(plainCallee, "com.last", null, "last");

        call("com.first", Map.of());
        call("com.first", Map.of());
        call("com.last", Map.of());
        assertThat(callee.out().messages(Invocation.class)).hasSize(2);
        assertThat(plainCallee.out().messages(Invocation.class)).hasSize(1);

        realm.realm.leave(callee.session());
        call("com.first", Map.of());
        assertThat(plainCallee.out().messages(Invocation.class)).hasSize(2);
    }

    @Test
    void randomPicksAmongCallees() {
        register(callee, "com.any", null, "random");
        register(plainCallee, "com.any", null, "random");
        for (int i = 0; i < 64; i++) {
            call("com.any", Map.of());
        }
        int a = callee.out().messages(Invocation.class).size();
        int b = plainCallee.out().messages(Invocation.class).size();
        assertThat(a + b).isEqualTo(64);
        assertThat(a).isPositive();
        assertThat(b).isPositive();
    }

    @Test
    void discloseMeIdentifiesTheCaller() {
        register(callee, "com.who", null, null);
        call("com.who", Map.of("disclose_me", true));
        assertThat(callee.out().only(Invocation.class).details())
                .containsEntry("caller", caller.id())
                .containsEntry("caller_authid", "caller")
                .containsEntry("caller_authrole", "user");
    }

    @Test
    void progressiveResultsReachACallerThatAskedForThem() {
        register(callee, "com.stream", null, null);
        long request = call("com.stream", Map.of("receive_progress", true));
        Invocation invocation = callee.out().only(Invocation.class);
        assertThat(invocation.details()).containsEntry("receive_progress", true);

        realm.send(callee, new Yield(invocation.request(), Map.of("progress", true), List.of("p1"), Map.of()));
        realm.send(callee, new Yield(invocation.request(), Map.of("progress", true), List.of("p2"), Map.of()));
        realm.send(callee, new Yield(invocation.request(), Map.of(), List.of("done"), Map.of()));

        List<Result> results = caller.out().messages(Result.class);
        assertThat(results).extracting(r -> r.args().get(0)).containsExactly("p1", "p2", "done");
        assertThat(results).extracting(Result::request).containsOnly(request);
        assertThat(results.get(0).details()).containsEntry("progress", true);
        assertThat(results.get(2).details()).doesNotContainKey("progress");
    }

    @Test
    void progressiveResultsAreDroppedForACallerThatDidNotAsk() {
        register(callee, "com.stream", null, null);
        call("com.stream", Map.of());
        Invocation invocation = callee.out().only(Invocation.class);
        assertThat(invocation.details()).doesNotContainKey("receive_progress");

        realm.send(callee, new Yield(invocation.request(), Map.of("progress", true), List.of("p1"), Map.of()));
        realm.send(callee, new Yield(invocation.request(), Map.of(), List.of("done"), Map.of()));
        assertThat(caller.out().messages(Result.class)).extracting(r -> r.args().get(0)).containsExactly("done");
    }

    @Test
    void cancelSkipSendsNothingAndDropsTheLateYield() {
        register(callee, "com.slow", null, null);
        long request = call("com.slow", Map.of());
        Invocation invocation = callee.out().only(Invocation.class);

        realm.send(caller, new Cancel(request, Map.of("mode", "skip")));
        assertThat(caller.out().messages()).isEmpty();
        assertThat(callee.out().messages(Interrupt.class)).isEmpty();

        realm.send(callee, new Yield(invocation.request(), Map.of(), List.of("late"), Map.of()));
        assertThat(caller.out().messages(Result.class)).isEmpty();
        assertThat(realm.realm.stats().pendingCalls()).isZero();
    }

    @Test
    void cancelKillInterruptsAndWaitsForTheCallee() {
        register(callee, "com.slow", null, null);
        long request = call("com.slow", Map.of());
        Invocation invocation = callee.out().only(Invocation.class);

        realm.send(caller, new Cancel(request, Map.of("mode", "kill")));
        Interrupt interrupt = callee.out().only(Interrupt.class);
        assertThat(interrupt.request()).isEqualTo(invocation.request());
        assertThat(interrupt.options()).containsEntry("mode", "kill");
        assertThat(caller.out().messages()).isEmpty();

        realm.send(callee, new Error(Invocation.CODE, invocation.request(), Map.of(), WampErrors.CANCELED, List.of(), Map.of()));
        Error error = caller.out().only(Error.class);
        assertThat(error.request()).isEqualTo(request);
        assertThat(error.error()).isEqualTo(WampErrors.CANCELED);
    }

    @Test
    void cancelKillMayStillEndWithTheResult() {
        register(callee, "com.slow", null, null);
        long request = call("com.slow", Map.of());
        Invocation invocation = callee.out().only(Invocation.class);
        realm.send(caller, new Cancel(request, Map.of("mode", "kill")));
        realm.send(callee, new Yield(invocation.request(), Map.of(), List.of("finished anyway"), Map.of()));
        assertThat(caller.out().only(Result.class).args()).containsExactly("finished anyway");
    }

    @Test
    void cancelKillNoWaitAnswersAtOnceInterruptsAndDropsTheAnswer() {
        register(callee, "com.slow", null, null);
        long request = call("com.slow", Map.of());
        Invocation invocation = callee.out().only(Invocation.class);

        realm.send(caller, new Cancel(request, Map.of("mode", "killnowait")));
        assertThat(caller.out().only(Error.class).error()).isEqualTo(WampErrors.CANCELED);
        assertThat(callee.out().only(Interrupt.class).options()).containsEntry("mode", "killnowait");

        realm.send(callee, new Error(Invocation.CODE, invocation.request(), Map.of(), WampErrors.CANCELED, List.of(), Map.of()));
        assertThat(caller.out().messages(Error.class)).hasSize(1);
    }

    @Test
    void calleesWithoutCallCancelingAreNeverInterruptedAndOnlyKillIsAnswered() {
        register(plainCallee, "com.slow", null, null);
        long killed = call("com.slow", Map.of());
        realm.send(caller, new Cancel(killed, Map.of("mode", "kill")));
        long killedNoWait = call("com.slow", Map.of());
        realm.send(caller, new Cancel(killedNoWait, Map.of("mode", "killnowait")));
        long skipped = call("com.slow", Map.of());
        realm.send(caller, new Cancel(skipped, Map.of("mode", "skip")));

        assertThat(plainCallee.out().messages(Interrupt.class)).isEmpty();
        assertThat(caller.out().messages(Error.class)).extracting(Error::request).containsExactly(killed);
        assertThat(caller.out().messages(Error.class)).extracting(Error::error).containsOnly(WampErrors.CANCELED);
        assertThat(realm.realm.stats().pendingCalls()).isZero();
    }

    @Test
    void cancelWithoutModeIsKillNoWait() {
        register(callee, "com.slow", null, null);
        long request = call("com.slow", Map.of());
        realm.send(caller, new Cancel(request, Map.of()));
        assertThat(caller.out().only(Error.class).error()).isEqualTo(WampErrors.CANCELED);
        assertThat(callee.out().only(Interrupt.class).options()).containsEntry("mode", "killnowait");
    }

    @Test
    void cancelOfAnAnsweredCallIsIgnored() {
        register(callee, "com.add", null, null);
        long request = call("com.add", Map.of());
        realm.send(callee, new Yield(callee.out().only(Invocation.class).request(), Map.of(), List.of(3), Map.of()));
        realm.send(caller, new Cancel(request, Map.of("mode", "killnowait")));
        assertThat(caller.out().messages(Error.class)).isEmpty();
        assertThat(callee.out().messages(Interrupt.class)).isEmpty();
    }

    @Test
    void timeoutAnswersTimeoutAndInterruptsACancelingCallee() {
        register(callee, "com.slow", null, null);
        long request = call("com.slow", Map.of("timeout", 500));
        Invocation invocation = callee.out().only(Invocation.class);

        realm.timers.advance(499);
        assertThat(caller.out().messages()).isEmpty();
        realm.timers.advance(1);

        Error error = caller.out().only(Error.class);
        assertThat(error.request()).isEqualTo(request);
        assertThat(error.error()).isEqualTo(WampErrors.TIMEOUT);
        Interrupt interrupt = callee.out().only(Interrupt.class);
        assertThat(interrupt.request()).isEqualTo(invocation.request());
        assertThat(interrupt.options()).containsEntry("mode", "killnowait").containsEntry("reason", WampErrors.TIMEOUT);

        realm.send(callee, new Yield(invocation.request(), Map.of(), List.of("late"), Map.of()));
        assertThat(caller.out().messages(Result.class)).isEmpty();
    }

    @Test
    void timeoutDoesNotInterruptACalleeWithoutCallCanceling() {
        register(plainCallee, "com.slow", null, null);
        call("com.slow", Map.of("timeout", 100));
        realm.timers.advance(100);
        assertThat(caller.out().only(Error.class).error()).isEqualTo(WampErrors.TIMEOUT);
        assertThat(plainCallee.out().messages(Interrupt.class)).isEmpty();
    }

    @Test
    void answeredCallCancelsItsTimer() {
        register(callee, "com.add", null, null);
        call("com.add", Map.of("timeout", 100));
        realm.send(callee, new Yield(callee.out().only(Invocation.class).request(), Map.of(), List.of(3), Map.of()));
        assertThat(realm.timers.pending()).isZero();
        realm.timers.advance(1000);
        assertThat(caller.out().messages(Error.class)).isEmpty();
    }

    @Test
    void calleeLeavingFailsItsCallsInFlight() {
        register(callee, "com.slow", null, null);
        long request = call("com.slow", Map.of());
        realm.realm.leave(callee.session());

        Error error = caller.out().only(Error.class);
        assertThat(error.request()).isEqualTo(request);
        assertThat(error.error()).isEqualTo(WampErrors.CANCELED);
        assertThat(realm.realm.stats().registrations()).isZero();
        assertThat(realm.realm.stats().pendingCalls()).isZero();
    }

    @Test
    void callerLeavingInterruptsACancelingCallee() {
        register(callee, "com.slow", null, null);
        call("com.slow", Map.of());
        realm.realm.leave(caller.session());

        assertThat(callee.out().only(Interrupt.class).options()).containsEntry("mode", "killnowait");
        assertThat(realm.realm.stats().pendingCalls()).isZero();
    }

    @Test
    void unregisterRemovesTheCalleeAndUnknownRegistrationIsAnError() {
        long registration = register(callee, "com.add", null, null);
        long request = callee.request();
        realm.send(callee, new Unregister(request, registration));
        assertThat(callee.out().only(Unregistered.class).request()).isEqualTo(request);

        realm.send(callee, new Unregister(callee.request(), registration));
        assertThat(callee.out().only(Error.class).error()).isEqualTo(WampErrors.NO_SUCH_REGISTRATION);

        call("com.add", Map.of());
        assertThat(caller.out().only(Error.class).error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
    }

    @Test
    void registeredPrecedesEveryInvocation() {
        register(callee, "com.add", null, null);
        call("com.add", Map.of());
        assertThat(callee.out().messages().get(0)).isInstanceOf(Registered.class);
        assertThat(callee.out().messages().get(1)).isInstanceOf(Invocation.class);
    }

    @Test
    void invocationIdsAreDistinctPerCall() {
        register(callee, "com.add", null, null);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            call("com.add", Map.of());
        }
        for (Invocation invocation : callee.out().messages(Invocation.class)) {
            ids.add(invocation.request());
        }
        assertThat(ids).hasSize(20);
    }
}
