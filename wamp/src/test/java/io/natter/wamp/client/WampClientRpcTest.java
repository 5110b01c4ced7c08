package io.natter.wamp.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Cancel;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Interrupt;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Result;
import io.natter.wamp.message.Yield;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WampClientRpcTest extends PeerTestBase {

    @Test
    void aCalleeYieldsProgressThenTheFinalResult() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);
        Future<Registration> registered = client.register("com.add", Map.of("invoke", "roundrobin"), inv -> {
            assertThat(inv.progress(List.of("working"), Map.of())).isTrue();
            return Future.succeededFuture(CallResult.of(List.of("sum:" + inv.args()), Map.of("caller", inv.callerAuthid())));
        });
        assertThat(connection.receive()).isEqualTo(new Register(1, Map.of("invoke", "roundrobin"), "com.add"));
        connection.send(new Registered(1, 10));
        Registration registration = await(registered);
        assertThat(registration.id()).isEqualTo(10);

        connection.send(new Invocation(100, 10, Map.of("receive_progress", true, "caller_authid", "alice"), List.of("a", "b"), Map.of()));
        assertThat(connection.receive()).isEqualTo(new Yield(100, Map.of("progress", true), List.of("working"), Map.of()));
        assertThat(connection.receive()).isEqualTo(new Yield(100, Map.of(), List.of("sum:[a, b]"), Map.of("caller", "alice")));
    }

    @Test
    void progressIsNotSentToACallerWhoDidNotAskForIt() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);
        Future<Registration> registered = client.register("p", Map.of(), inv -> {
            assertThat(inv.progress(List.of("ignored"), Map.of())).isFalse();
            return Future.succeededFuture(CallResult.of("done"));
        });
        connection.expect(Register.class);
        connection.send(new Registered(1, 11));
        await(registered);
        connection.send(new Invocation(7, 11, Map.of(), List.of(), Map.of()));
        assertThat(connection.receive()).isEqualTo(new Yield(7, Map.of(), List.of("done"), Map.of()));
    }

    @Test
    void handlerFailuresBecomeErrorsWithoutLeakingInternals() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);
        Future<Registration> registered = client.register("p", Map.of(), inv -> switch ((String) inv.args().get(0)) {
            case "app" -> Future.failedFuture(new WampException("com.app.invalid_name", List.of("bad"), Map.of("field", "name")));
            case "throw" -> throw new IllegalStateException("db password is hunter2");
            default -> null;
        });
        connection.expect(Register.class);
        connection.send(new Registered(1, 12));
        await(registered);

        connection.send(new Invocation(1, 12, Map.of(), List.of("app"), Map.of()));
        assertThat(connection.receive()).isEqualTo(new Error(Invocation.CODE, 1, Map.of(), "com.app.invalid_name", List.of("bad"), Map.of("field", "name")));
        connection.send(new Invocation(2, 12, Map.of(), List.of("throw"), Map.of()));
        Error runtime = connection.expect(Error.class);
        assertThat(runtime.request()).isEqualTo(2);
        assertThat(runtime.error()).isEqualTo(ClientErrors.RUNTIME_ERROR);
        assertThat(runtime.toString()).doesNotContain("hunter2").doesNotContain("IllegalStateException");
        connection.send(new Invocation(3, 12, Map.of(), List.of("null"), Map.of()));
        assertThat(connection.expect(Error.class).error()).isEqualTo(ClientErrors.RUNTIME_ERROR);
        connection.send(new Invocation(4, 999, Map.of(), List.of(), Map.of()));
        assertThat(connection.receive()).isEqualTo(new Error(Invocation.CODE, 4, Map.of(), WampErrors.NO_SUCH_REGISTRATION, List.of(), Map.of()));
    }

    @Test
    void anInterruptRunsTheHandlersAnswersCanceledAndDropsTheLateResult() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);
        Promise<CallResult> slow = Promise.promise();
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        AtomicReference<InvocationContext> seen = new AtomicReference<>();
        Future<Registration> registered = client.register("slow", Map.of(), inv -> {
            if (inv.args().isEmpty()) {
                return Future.succeededFuture(CallResult.of("quick"));
            }
            seen.set(inv);
            inv.onInterrupt(() -> interrupted.complete(inv.isCanceled()));
            return slow.future();
        });
        connection.expect(Register.class);
        connection.send(new Registered(1, 13));
        await(registered);

        connection.send(new Invocation(20, 13, Map.of(), List.of("long"), Map.of()));
        connection.send(new Interrupt(20, Map.of("mode", "kill")));
        assertThat(connection.receive()).isEqualTo(new Error(Invocation.CODE, 20, Map.of(), WampErrors.CANCELED, List.of(), Map.of()));
        assertThat(interrupted.get(ScriptedPeer.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        slow.complete(CallResult.of("too late"));
        connection.send(new Invocation(21, 13, Map.of(), List.of(), Map.of()));
        assertThat(connection.receive()).isEqualTo(new Yield(21, Map.of(), List.of("quick"), Map.of()));
        assertThat(seen.get().isCanceled()).isTrue();
    }

    @Test
    void aCallReceivesProgressThenTheResult() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);
        BlockingQueue<CallResult> progress = new LinkedBlockingQueue<>();
        Future<CallResult> result = client.call("com.count", List.of("x"), Map.of("k", "v"),
                CallOptions.defaults().onProgress(progress::add).option("disclose_me", true));
        assertThat(connection.receive()).isEqualTo(new Call(1, Map.of("disclose_me", true, "receive_progress", true), "com.count", List.of("x"), Map.of("k", "v")));
        connection.send(new Result(1, Map.of("progress", true), List.of("one"), Map.of()));
        connection.send(new Result(1, Map.of("progress", true), List.of("two"), Map.of()));
        connection.send(new Result(1, Map.of(), List.of("done"), Map.of("n", "2")));
        CallResult done = await(result);
        assertThat(done.args()).containsExactly("done");
        assertThat(done.kwargs()).containsEntry("n", "2");
        assertThat(done.isProgress()).isFalse();
        assertThat(progress).extracting(CallResult::arg0).containsExactly("one", "two");
    }

    @Test
    void anErrorReplyFailsTheCallWithItsUriAndPayload() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);
        Future<CallResult> result = client.call("nope", List.of());
        connection.expect(Call.class);
        connection.send(new Error(Call.CODE, 1, Map.of(), WampErrors.NO_SUCH_PROCEDURE, List.of("no procedure nope"), Map.of("x", "y")));
        WampException failure = awaitFailure(result);
        assertThat(failure.error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
        assertThat(failure.args()).containsExactly("no procedure nope");
        assertThat(failure.kwargs()).containsEntry("x", "y");
        assertThat(failure.getMessage()).contains("no procedure nope");
    }

    @Test
    void aCallTimesOutLocallyAndCancelsAtTheDealer() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);
        Future<CallResult> result = client.call("slow", List.of(), Map.of(), CallOptions.defaults().timeout(Duration.ofMillis(300)));
        Call call = connection.expect(Call.class);
        assertThat(((Number) call.options().get("timeout")).longValue()).isEqualTo(300);
        assertThat(awaitFailure(result).error()).isEqualTo(WampErrors.TIMEOUT);
        assertThat(connection.receive()).isEqualTo(new Cancel(1, Map.of("mode", "killnowait")));
        // the dealer's late answer is dropped, not a protocol violation
        connection.send(new Error(Call.CODE, 1, Map.of(), WampErrors.CANCELED, List.of(), Map.of()));
        Future<CallResult> next = client.call("fast", List.of());
        assertThat(connection.expect(Call.class).request()).isEqualTo(2);
        connection.send(new Result(2, Map.of(), List.of("ok"), Map.of()));
        assertThat(await(next).arg0()).isEqualTo("ok");
    }

    @Test
    void cancelKillWaitsForTheDealerAndSkipFailsAtOnce() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);
        CallHandle killed = client.startCall("long", List.of(), Map.of(), CallOptions.defaults());
        connection.expect(Call.class);
        killed.cancel(CancelMode.KILL);
        assertThat(connection.receive()).isEqualTo(new Cancel(1, Map.of("mode", "kill")));
        assertThat(killed.result().isComplete()).isFalse();
        connection.send(new Error(Call.CODE, 1, Map.of(), WampErrors.CANCELED, List.of(), Map.of()));
        assertThat(awaitFailure(killed.result()).error()).isEqualTo(WampErrors.CANCELED);

        CallHandle skipped = client.startCall("long", List.of(), Map.of(), CallOptions.defaults());
        connection.expect(Call.class);
        skipped.cancel(CancelMode.SKIP);
        assertThat(awaitFailure(skipped.result()).error()).isEqualTo(WampErrors.CANCELED);
        Message cancel = connection.receive();
        assertThat(cancel).isEqualTo(new Cancel(2, Map.of("mode", "skip")));

        CallHandle killedNoWait = client.startCall("long", List.of(), Map.of(), CallOptions.defaults());
        connection.expect(Call.class);
        killedNoWait.cancel(CancelMode.KILLNOWAIT);
        assertThat(awaitFailure(killedNoWait.result()).error()).isEqualTo(WampErrors.CANCELED);
        assertThat(connection.receive()).isEqualTo(new Cancel(3, Map.of("mode", "killnowait")));
        // A dealer that answers killnowait at once (as the spec and Crossbar do for callees that
        // can be interrupted) is not a protocol violation: the late ERROR is dropped.
        connection.send(new Error(Call.CODE, 3, Map.of(), WampErrors.CANCELED, List.of(), Map.of()));
        assertThat(client.call("echo", List.of()).isComplete()).isFalse();
        Call next = connection.expect(Call.class);
        assertThat(next.request()).isEqualTo(4);
    }
}
