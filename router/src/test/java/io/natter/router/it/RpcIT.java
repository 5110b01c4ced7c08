package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.WampErrors;
import io.natter.wamp.client.CallHandle;
import io.natter.wamp.client.CallOptions;
import io.natter.wamp.client.CallResult;
import io.natter.wamp.client.InvocationContext;
import io.natter.wamp.client.Registration;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.client.WampException;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Cancel;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Interrupt;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Published;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Result;
import io.natter.wamp.message.Unregister;
import io.natter.wamp.message.Yield;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Remote procedure calls through the client (and raw peers where the exact messages matter):
 * payloads, callee errors, registration errors, progressive results, call timeout, call
 * canceling in its three modes, caller identification, unregister, and callees or callers that
 * leave with calls in flight.
 */
@QuarkusTest
class RpcIT extends RouterIT {

    @BothWires
    void callCarriesArgsAndKwargsBothWays(Wire wire) throws Exception {
        WampClient callee = connect(wire);
        WampClient caller = connect(wire);
        await(callee.register("it.rpc.echo", Map.of(), ctx -> {
            List<Object> reversed = new ArrayList<>(ctx.args());
            java.util.Collections.reverse(reversed);
            return Future.succeededFuture(CallResult.of(reversed, Map.of("got", ctx.kwargs(), "count", ctx.args().size())));
        }));

        CallResult result = await(caller.call("it.rpc.echo", List.of(1, "two", List.of(3)), Map.of("k", "v"),
                CallOptions.defaults()));

        assertThat(result.args()).containsExactly(List.of(3), "two", 1);
        assertThat(result.kwargs()).isEqualTo(Map.of("got", Map.of("k", "v"), "count", 3));
        assertThat(result.isProgress()).isFalse();
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> wirePairs() {
        return java.util.stream.Stream.of(org.junit.jupiter.params.provider.Arguments.of(Wire.JSON, Wire.MSGPACK),
                org.junit.jupiter.params.provider.Arguments.of(Wire.MSGPACK, Wire.JSON));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} caller, {1} callee")
    @org.junit.jupiter.params.provider.MethodSource("wirePairs")
    void callsCrossSerializations(Wire callerWire, Wire calleeWire) throws Exception {
        WampClient callee = connect(calleeWire);
        WampClient caller = connect(callerWire);
        byte[] binary = {(byte) 0x80, 0, 0x7f};
        await(callee.register("it.rpc.cross", Map.of(), ctx -> {
            byte[] got = (byte[]) ctx.args().get(0);
            byte[] doubled = new byte[got.length * 2];
            System.arraycopy(got, 0, doubled, 0, got.length);
            System.arraycopy(got, 0, doubled, got.length, got.length);
            return Future.succeededFuture(CallResult.of(List.of(doubled, ctx.args().get(1)), Map.of("big", ctx.kwargs().get("big"))));
        }));

        CallResult result = await(caller.call("it.rpc.cross", List.of(binary, "ü"), Map.of("big", Long.MIN_VALUE),
                CallOptions.defaults()));

        assertThat((byte[]) result.args().get(0)).containsExactly((byte) 0x80, 0, 0x7f, (byte) 0x80, 0, 0x7f);
        assertThat(result.args().get(1)).isEqualTo("ü");
        assertThat(result.kwargs().get("big")).isEqualTo(Long.MIN_VALUE);
    }

    @BothWires
    void calleeErrorReachesTheCallerWithItsPayload(Wire wire) throws Exception {
        WampClient callee = connect(wire);
        WampClient caller = connect(wire);
        await(callee.register("it.rpc.fails", Map.of(), ctx -> Future.failedFuture(
                new WampException("it.error.custom", List.of("bad", 7), Map.of("field", "name")))));

        WampException error = awaitError(caller.call("it.rpc.fails", List.of()));

        assertThat(error.error()).isEqualTo("it.error.custom");
        assertThat(error.args()).containsExactly("bad", 7);
        assertThat(error.kwargs()).isEqualTo(Map.of("field", "name"));
    }

    @BothWires
    void callingAnUnregisteredProcedureFails(Wire wire) throws Exception {
        WampClient caller = connect(wire);

        WampException error = awaitError(caller.call("it.rpc.nobody_home", List.of()));

        assertThat(error.error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
    }

    @BothWires
    void registeringAnExistingProcedureFails(Wire wire) throws Exception {
        WampClient first = connect(wire);
        WampClient second = connect(wire);
        await(first.register("it.rpc.taken", Map.of(), ctx -> Future.succeededFuture(CallResult.of("first"))));

        WampException byOther = awaitError(second.register("it.rpc.taken", Map.of(), ctx -> Future.succeededFuture(CallResult.empty())));
        WampException bySame = awaitError(first.register("it.rpc.taken", Map.of(), ctx -> Future.succeededFuture(CallResult.empty())));

        assertThat(byOther.error()).isEqualTo(WampErrors.PROCEDURE_ALREADY_EXISTS);
        assertThat(bySame.error()).isEqualTo(WampErrors.PROCEDURE_ALREADY_EXISTS);
        assertThat(await(second.call("it.rpc.taken", List.of())).args()).containsExactly("first");
        assertThat(registry.stats(REALM).registrations()).isEqualTo(1);
    }

    @BothWires
    void progressiveResultsReachACallerThatAskedForThem(Wire wire) throws Exception {
        WampClient callee = connect(wire);
        WampClient caller = connect(wire);
        List<Boolean> sent = new ArrayList<>();
        await(callee.register("it.rpc.progress", Map.of(), ctx -> {
            for (int i = 1; i <= 3; i++) {
                sent.add(ctx.progress(List.of(i), Map.of("step", i)));
            }
            return Future.succeededFuture(CallResult.of("done"));
        }));
        Inbox<CallResult> progress = new Inbox<>();

        CallResult result = await(caller.call("it.rpc.progress", List.of(), Map.of(), CallOptions.defaults().onProgress(progress)));

        assertThat(result.args()).containsExactly("done");
        assertThat(result.isProgress()).isFalse();
        assertThat(sent).containsExactly(true, true, true);
        List<CallResult> received = progress.drain();
        assertThat(received).extracting(CallResult::args).containsExactly(List.of(1), List.of(2), List.of(3));
        assertThat(received).extracting(CallResult::kwargs).containsExactly(Map.of("step", 1), Map.of("step", 2), Map.of("step", 3));
        assertThat(received).allMatch(CallResult::isProgress);
    }

    @BothWires
    void noProgressiveResultsUnlessAsked(Wire wire) throws Exception {
        WampClient callee = connect(wire);
        WampClient caller = connect(wire);
        List<Boolean> asked = new ArrayList<>();
        await(callee.register("it.rpc.no_progress", Map.of(), ctx -> {
            asked.add(ctx.receiveProgress());
            asked.add(ctx.progress(List.of("ignored"), Map.of()));
            return Future.succeededFuture(CallResult.of("only"));
        }));

        CallResult result = await(caller.call("it.rpc.no_progress", List.of()));

        assertThat(result.args()).containsExactly("only");
        assertThat(asked).as("receive_progress in INVOCATION details, progress sent").containsExactly(false, false);
    }

    @BothWires
    void progressiveResultsOnTheWire(Wire wire) throws Exception {
        RawPeer callee = raw(wire);
        callee.join(REALM);
        RawPeer caller = raw(wire);
        caller.join(REALM);
        callee.send(new Register(1, Map.of(), "it.rpc.raw_progress"));
        callee.expect(Registered.class);

        caller.send(new Call(1, Map.of("receive_progress", true), "it.rpc.raw_progress", List.of(), Map.of()));
        Invocation invocation = callee.expect(Invocation.class);
        callee.send(new Yield(invocation.request(), Map.of("progress", true), List.of("p1"), Map.of()));
        callee.send(new Yield(invocation.request(), Map.of("progress", true), List.of("p2"), Map.of()));
        callee.send(new Yield(invocation.request(), Map.of(), List.of("final"), Map.of()));

        assertThat(invocation.details()).containsEntry("receive_progress", true);
        Result p1 = caller.expect(Result.class);
        assertThat(p1.request()).isEqualTo(1);
        assertThat(p1.details()).containsEntry("progress", true);
        assertThat(p1.args()).containsExactly("p1");
        Result p2 = caller.expect(Result.class);
        assertThat(p2.details()).containsEntry("progress", true);
        assertThat(p2.args()).containsExactly("p2");
        Result last = caller.expect(Result.class);
        assertThat(last.details().get("progress")).isNotEqualTo(true);
        assertThat(last.args()).containsExactly("final");
    }

    @BothWires
    void callTimeoutFailsTheCallAndInterruptsTheCallee(Wire wire) throws Exception {
        RawPeer callee = raw(wire);
        callee.join(REALM);
        RawPeer caller = raw(wire);
        caller.join(REALM);
        callee.send(new Register(1, Map.of(), "it.rpc.slow"));
        callee.expect(Registered.class);

        caller.send(new Call(1, Map.of("timeout", 300), "it.rpc.slow", List.of(), Map.of()));
        Invocation invocation = callee.expect(Invocation.class);

        Error timedOut = caller.expect(Error.class);
        assertThat(timedOut.requestType()).isEqualTo(Call.CODE);
        assertThat(timedOut.request()).isEqualTo(1);
        assertThat(timedOut.error()).isEqualTo(WampErrors.TIMEOUT);
        Interrupt interrupt = callee.expect(Interrupt.class);
        assertThat(interrupt.request()).isEqualTo(invocation.request());
        assertThat(interrupt.options()).containsEntry("mode", "killnowait").containsEntry("reason", WampErrors.TIMEOUT);

        callee.send(new Yield(invocation.request(), Map.of(), List.of("too late"), Map.of()));
        caller.send(new Call(2, Map.of(), "it.rpc.slow", List.of(), Map.of()));
        Invocation second = callee.expect(Invocation.class);
        callee.send(new Yield(second.request(), Map.of(), List.of("in time"), Map.of()));
        Result result = caller.expect(Result.class);
        assertThat(result.request()).as("the late YIELD was dropped").isEqualTo(2);
        assertThat(result.args()).containsExactly("in time");
    }

    @BothWires
    void callTimeoutDoesNotInterruptACalleeWithoutCallCanceling(Wire wire) throws Exception {
        RawPeer callee = raw(wire);
        callee.join(REALM, Map.of("callee", Map.of()));
        RawPeer caller = raw(wire);
        caller.join(REALM);
        callee.send(new Register(1, Map.of(), "it.rpc.slow_plain"));
        callee.expect(Registered.class);

        caller.send(new Call(1, Map.of("timeout", 200), "it.rpc.slow_plain", List.of(), Map.of()));
        Invocation first = callee.expect(Invocation.class);
        assertThat(caller.expect(Error.class).error()).isEqualTo(WampErrors.TIMEOUT);
        caller.send(new Call(2, Map.of(), "it.rpc.slow_plain", List.of(), Map.of()));

        Invocation second = callee.expect(Invocation.class);
        assertThat(second.request()).as("no INTERRUPT before the next INVOCATION").isNotEqualTo(first.request());
        callee.send(new Yield(second.request(), Map.of(), List.of(), Map.of()));
        assertThat(caller.expect(Result.class).request()).isEqualTo(2);
    }

    @BothWires
    void clientCallTimeoutInterruptsTheClientCallee(Wire wire) throws Exception {
        WampClient callee = connect(wire);
        WampClient caller = connect(wire);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        await(callee.register("it.rpc.never", Map.of(), ctx -> {
            ctx.onInterrupt(() -> interrupted.complete(true));
            return Promise.<CallResult>promise().future();
        }));

        WampException error = awaitError(caller.call("it.rpc.never", List.of(), Map.of(),
                CallOptions.defaults().timeout(Duration.ofMillis(500))));

        assertThat(error.error()).isEqualTo(WampErrors.TIMEOUT);
        assertThat(interrupted.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @BothWires
    void cancelSkipSendsNothingAndLeavesTheCalleeAlone(Wire wire) throws Exception {
        RawPeer callee = raw(wire);
        callee.join(REALM);
        RawPeer caller = raw(wire);
        caller.join(REALM);
        callee.send(new Register(1, Map.of(), "it.rpc.cancel_skip"));
        callee.expect(Registered.class);
        caller.send(new Call(1, Map.of(), "it.rpc.cancel_skip", List.of(), Map.of()));
        Invocation invocation = callee.expect(Invocation.class);

        // As Crossbar: skip answers the caller nothing (Autobahn fails the call itself). The
        // caller's sessions are processed in order, so an acknowledged publish right after the
        // CANCEL proves it was handled, and its PUBLISHED being the next message proves that no
        // ERROR came for the canceled call.
        caller.send(new Cancel(1, Map.of("mode", "skip")));
        caller.send(new Publish(2, Map.of("acknowledge", true), "it.rpc.cancel_skip.sync", List.of(), Map.of()));
        assertThat(caller.expect(Published.class).request()).isEqualTo(2);

        callee.send(new Yield(invocation.request(), Map.of(), List.of("ignored"), Map.of()));
        caller.send(new Call(3, Map.of(), "it.rpc.cancel_skip", List.of(), Map.of()));
        Invocation next = callee.expect(Invocation.class);
        assertThat(next.request()).as("skip sends no INTERRUPT").isNotEqualTo(invocation.request());
        callee.send(new Yield(next.request(), Map.of(), List.of("second"), Map.of()));
        Result result = caller.expect(Result.class);
        assertThat(result.request()).as("the skipped call's YIELD was dropped").isEqualTo(3);
    }

    @BothWires
    void cancelKillInterruptsAndWaitsForTheCallee(Wire wire) throws Exception {
        RawPeer callee = raw(wire);
        callee.join(REALM);
        RawPeer caller = raw(wire);
        caller.join(REALM);
        callee.send(new Register(1, Map.of(), "it.rpc.cancel_kill"));
        callee.expect(Registered.class);
        caller.send(new Call(1, Map.of(), "it.rpc.cancel_kill", List.of(), Map.of()));
        Invocation invocation = callee.expect(Invocation.class);

        caller.send(new Cancel(1, Map.of("mode", "kill")));

        Interrupt interrupt = callee.expect(Interrupt.class);
        assertThat(interrupt.request()).isEqualTo(invocation.request());
        assertThat(interrupt.options()).containsEntry("mode", "kill");
        callee.send(new Yield(invocation.request(), Map.of(), List.of("finished first"), Map.of()));
        Result result = caller.expect(Result.class);
        assertThat(result.request()).isEqualTo(1);
        assertThat(result.args()).as("with kill the caller gets the callee's answer").containsExactly("finished first");
    }

    @BothWires
    void cancelKillForwardsTheCalleesError(Wire wire) throws Exception {
        WampClient callee = connect(wire);
        WampClient caller = connect(wire);
        CountDownLatch invoked = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        await(callee.register("it.rpc.cancel_kill_client", Map.of(), ctx -> {
            ctx.onInterrupt(() -> interrupted.complete(true));
            invoked.countDown();
            return Promise.<CallResult>promise().future();
        }));
        CallHandle call = caller.startCall("it.rpc.cancel_kill_client", List.of(), Map.of(), CallOptions.defaults());
        assertThat(invoked.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        call.cancel(io.natter.wamp.client.CancelMode.KILL);

        assertThat(awaitError(call.result()).error()).isEqualTo(WampErrors.CANCELED);
        assertThat(interrupted.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @BothWires
    void cancelKillnowaitAnswersAtOnceAndInterrupts(Wire wire) throws Exception {
        RawPeer callee = raw(wire);
        callee.join(REALM);
        RawPeer caller = raw(wire);
        caller.join(REALM);
        callee.send(new Register(1, Map.of(), "it.rpc.cancel_knw"));
        callee.expect(Registered.class);
        caller.send(new Call(1, Map.of(), "it.rpc.cancel_knw", List.of(), Map.of()));
        Invocation invocation = callee.expect(Invocation.class);

        caller.send(new Cancel(1, Map.of("mode", "killnowait")));

        Error canceled = caller.expect(Error.class);
        assertThat(canceled.request()).isEqualTo(1);
        assertThat(canceled.error()).isEqualTo(WampErrors.CANCELED);
        Interrupt interrupt = callee.expect(Interrupt.class);
        assertThat(interrupt.request()).isEqualTo(invocation.request());
        assertThat(interrupt.options()).containsEntry("mode", "killnowait");
        callee.send(new Error(Invocation.CODE, invocation.request(), Map.of(), WampErrors.CANCELED, List.of(), Map.of()));
        caller.send(new Call(2, Map.of(), "it.rpc.cancel_knw", List.of(), Map.of()));
        Invocation next = callee.expect(Invocation.class);
        callee.send(new Yield(next.request(), Map.of(), List.of("next"), Map.of()));
        Result result = caller.expect(Result.class);
        assertThat(result.request()).as("the callee's late ERROR was dropped").isEqualTo(2);
    }

    @BothWires
    void answersToUnknownInvocationsAreIgnored(Wire wire) throws Exception {
        RawPeer callee = raw(wire);
        callee.join(REALM);
        WampClient caller = connect(wire);
        callee.send(new Register(1, Map.of(), "it.rpc.stray"));
        callee.expect(Registered.class);

        callee.send(new Yield(4_242_424_242L, Map.of(), List.of("stray"), Map.of()));
        callee.send(new Error(Invocation.CODE, 4_242_424_243L, Map.of(), "it.error.stray", List.of(), Map.of()));
        Future<CallResult> call = caller.call("it.rpc.stray", List.of());
        Invocation invocation = callee.expect(Invocation.class);
        callee.send(new Yield(invocation.request(), Map.of(), List.of("real"), Map.of()));

        assertThat(await(call).args()).containsExactly("real");
        assertThat(callee.isClosed()).isFalse();
    }

    @BothWires
    void discloseMeIdentifiesTheCaller(Wire wire) throws Exception {
        WampClient callee = connect(wire);
        WampClient caller = connect(wire);
        List<InvocationContext> seen = new ArrayList<>();
        await(callee.register("it.rpc.who", Map.of(), ctx -> {
            seen.add(ctx);
            return Future.succeededFuture(CallResult.empty());
        }));

        await(caller.call("it.rpc.who", List.of(), Map.of(), CallOptions.defaults().option("disclose_me", true)));
        await(caller.call("it.rpc.who", List.of()));

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).caller()).isEqualTo(sessionId(caller));
        assertThat(seen.get(0).callerAuthid()).isEqualTo(caller.session().authid());
        assertThat(seen.get(0).callerAuthrole()).isEqualTo("anonymous");
        assertThat(seen.get(1).details()).doesNotContainKeys("caller", "caller_authid", "caller_authrole");
    }

    @BothWires
    void discloseCallerRegistrationOptionIdentifiesEveryCaller(Wire wire) throws Exception {
        WampClient callee = connect(wire);
        WampClient caller = connect(wire);
        List<Long> callers = new ArrayList<>();
        await(callee.register("it.rpc.who_always", Map.of("disclose_caller", true), ctx -> {
            callers.add(ctx.caller());
            return Future.succeededFuture(CallResult.empty());
        }));

        await(caller.call("it.rpc.who_always", List.of()));

        assertThat(callers).containsExactly(sessionId(caller));
    }

    @BothWires
    void unregisterEndsTheProcedure(Wire wire) throws Exception {
        WampClient callee = connect(wire);
        WampClient caller = connect(wire);
        Registration registration = await(callee.register("it.rpc.gone", Map.of(), ctx -> Future.succeededFuture(CallResult.of(1))));
        assertThat(await(caller.call("it.rpc.gone", List.of())).args()).containsExactly(1);

        await(callee.unregister(registration));

        assertThat(awaitError(caller.call("it.rpc.gone", List.of())).error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
        assertThat(registry.stats(REALM).registrations()).isZero();
    }

    @BothWires
    void unregisterOfAnUnknownIdIsRefused(Wire wire) throws Exception {
        WampClient owner = connect(wire);
        Registration others = await(owner.register("it.rpc.not_yours", Map.of(), ctx -> Future.succeededFuture(CallResult.empty())));
        RawPeer peer = raw(wire);
        peer.join(REALM);

        peer.send(new Unregister(1, 4_242_424_242L));
        Error unknown = peer.expect(Error.class);
        peer.send(new Unregister(2, others.id()));
        Error notMine = peer.expect(Error.class);

        assertThat(unknown.requestType()).isEqualTo(Unregister.CODE);
        assertThat(unknown.request()).isEqualTo(1);
        assertThat(unknown.error()).isEqualTo(WampErrors.NO_SUCH_REGISTRATION);
        assertThat(notMine.request()).isEqualTo(2);
        assertThat(notMine.error()).isEqualTo(WampErrors.NO_SUCH_REGISTRATION);
        assertThat(registry.stats(REALM).registrations()).isEqualTo(1);
    }

    @BothWires
    void calleeLeavingWithCallsInFlightFailsThem(Wire wire) throws Exception {
        WampClient callee = connect(wire);
        WampClient caller = connect(wire);
        CountDownLatch invoked = new CountDownLatch(2);
        await(callee.register("it.rpc.leaver", Map.of(), ctx -> {
            invoked.countDown();
            return Promise.<CallResult>promise().future();
        }));
        Future<CallResult> first = caller.call("it.rpc.leaver", List.of(1));
        Future<CallResult> second = caller.call("it.rpc.leaver", List.of(2));
        assertThat(invoked.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        await(callee.close());

        assertThat(awaitError(first).error()).isEqualTo(WampErrors.CANCELED);
        assertThat(awaitError(second).error()).isEqualTo(WampErrors.CANCELED);
        assertThat(awaitError(caller.call("it.rpc.leaver", List.of())).error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
    }

    @BothWires
    void calleeDroppingItsConnectionFailsCallsInFlight(Wire wire) throws Exception {
        RawPeer callee = raw(wire);
        callee.join(REALM);
        WampClient caller = connect(wire);
        callee.send(new Register(1, Map.of(), "it.rpc.dropper"));
        callee.expect(Registered.class);
        Future<CallResult> call = caller.call("it.rpc.dropper", List.of());
        callee.expect(Invocation.class);

        callee.close();

        assertThat(awaitError(call).error()).isEqualTo(WampErrors.CANCELED);
    }

    @BothWires
    void callerLeavingInterruptsTheCallee(Wire wire) throws Exception {
        WampClient callee = connect(wire);
        WampClient caller = connect(wire);
        CountDownLatch invoked = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        await(callee.register("it.rpc.orphan", Map.of(), ctx -> {
            ctx.onInterrupt(() -> interrupted.complete(true));
            invoked.countDown();
            return Promise.<CallResult>promise().future();
        }));
        caller.call("it.rpc.orphan", List.of());
        assertThat(invoked.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        await(caller.close());

        assertThat(interrupted.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }
}
