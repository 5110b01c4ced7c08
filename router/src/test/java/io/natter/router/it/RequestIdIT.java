package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Cancel;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Interrupt;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Published;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Result;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Unsubscribe;
import io.natter.wamp.message.Unsubscribed;
import io.natter.wamp.message.Yield;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;

/**
 * Request IDs, with raw frames: a client may use any ID in [1, 2^53] in any order (Thruway draws
 * them at random, Autobahn skips one it failed to serialize), as Crossbar.io accepts; only a CALL
 * whose ID is still pending on the session is a protocol violation. The router numbers its own
 * requests (INVOCATION, and INTERRUPT with it) per session.
 */
@QuarkusTest
class RequestIdIT extends RouterIT {

    private static final long MAX = 1L << 53;

    @BothWires
    void randomAndSkippedIdsAreAccepted(Wire wire) throws Exception {
        RawPeer peer = raw(wire);
        peer.join(REALM);

        peer.send(new Subscribe(7_316_904_221_337L, Map.of(), "it.ids.random"));
        Subscribed subscribed = peer.expect(Subscribed.class);
        peer.send(new Publish(MAX, Map.of("acknowledge", true, "exclude_me", false), "it.ids.random", List.of("x"), Map.of()));
        Event event = peer.expect(Event.class);
        Published published = peer.expect(Published.class);
        peer.send(new Register(3, Map.of(), "it.ids.echo"));
        Registered registered = peer.expect(Registered.class);
        peer.send(new Call(2, Map.of(), "it.ids.echo", List.of("back"), Map.of()));
        Invocation invocation = peer.expect(Invocation.class);
        peer.send(new Yield(invocation.request(), Map.of(), List.of("back"), Map.of()));
        Result result = peer.expect(Result.class);
        peer.send(new Call(2, Map.of(), "it.ids.echo", List.of("again"), Map.of()));
        Invocation again = peer.expect(Invocation.class);
        peer.send(new Yield(again.request(), Map.of(), List.of("again"), Map.of()));
        Result resultAgain = peer.expect(Result.class);
        peer.send(new Unsubscribe(1, subscribed.subscription()));

        assertThat(subscribed.request()).isEqualTo(7_316_904_221_337L);
        assertThat(event.args()).containsExactly("x");
        assertThat(published.request()).isEqualTo(MAX);
        assertThat(registered.request()).isEqualTo(3);
        assertThat(result.request()).isEqualTo(2);
        assertThat(resultAgain.request()).as("an ID may come again once its call is answered").isEqualTo(2);
        assertThat(peer.expect(Unsubscribed.class).request()).isEqualTo(1);
        assertThat(peer.isClosed()).isFalse();
    }

    @BothWires
    void aCallIdStillPendingIsAProtocolViolation(Wire wire) throws Exception {
        RawPeer callee = raw(wire);
        callee.join(REALM);
        callee.send(new Register(9, Map.of(), "it.ids.slow"));
        callee.expect(Registered.class);
        RawPeer caller = raw(wire);
        caller.join(REALM);

        caller.send(new Call(500, Map.of(), "it.ids.slow", List.of(), Map.of()));
        callee.expect(Invocation.class);
        caller.send(new Call(500, Map.of(), "it.ids.slow", List.of(), Map.of()));

        Abort abort = caller.expect(Abort.class);
        assertThat(abort.reason()).isEqualTo(WampErrors.PROTOCOL_VIOLATION);
        assertThat(abort.details().get("message").toString()).contains("CALL request ID 500 is still pending");
        assertThat(callee.expect(Interrupt.class)).as("the aborted caller's call is interrupted").isNotNull();
    }

    @BothWires
    void invocationsAreNumberedPerCallee(Wire wire) throws Exception {
        RawPeer first = raw(wire);
        first.join(REALM);
        first.send(new Register(1, Map.of(), "it.ids.first"));
        first.expect(Registered.class);
        RawPeer second = raw(wire);
        second.join(REALM);
        second.send(new Register(1, Map.of(), "it.ids.second"));
        second.expect(Registered.class);
        RawPeer caller = raw(wire);
        caller.join(REALM);

        caller.send(new Call(1, Map.of(), "it.ids.first", List.of(), Map.of()));
        caller.send(new Call(2, Map.of(), "it.ids.second", List.of(), Map.of()));
        caller.send(new Call(3, Map.of(), "it.ids.first", List.of(), Map.of()));
        Invocation a1 = first.expect(Invocation.class);
        Invocation b1 = second.expect(Invocation.class);
        Invocation a2 = first.expect(Invocation.class);
        caller.send(new Cancel(3, Map.of("mode", "killnowait")));
        Interrupt interrupt = first.expect(Interrupt.class);
        first.send(new Yield(a1.request(), Map.of(), List.of("a"), Map.of()));
        second.send(new Yield(b1.request(), Map.of(), List.of("b"), Map.of()));

        assertThat(List.of(a1.request(), a2.request())).containsExactly(1L, 2L);
        assertThat(b1.request()).isEqualTo(1);
        assertThat(interrupt.request()).isEqualTo(a2.request());
        List<Long> answered = List.of(answered(caller.next()), answered(caller.next()), answered(caller.next()));
        assertThat(answered).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    private static long answered(Message message) {
        if (message instanceof Result result) {
            return result.request();
        }
        assertThat(message).isInstanceOf(io.natter.wamp.message.Error.class);
        return ((io.natter.wamp.message.Error) message).request();
    }
}
