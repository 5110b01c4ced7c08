package io.natter.wamp.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Yield;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WampClientReconnectTest extends PeerTestBase {

    /** 150 ms, then 300 ms, then 600 ms (capped); no jitter, so the delays are exact. */
    private static final ReconnectPolicy POLICY = new ReconnectPolicy(Duration.ofMillis(150), Duration.ofMillis(600), 2.0, 0.0, 5);

    @Test
    void afterADropItBacksOffRejoinsAndRestoresSubscriptionsAndRegistrations() throws Exception {
        List<ReconnectAttempt> attempts = new CopyOnWriteArrayList<>();
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        BlockingQueue<SessionInfo> joins = new LinkedBlockingQueue<>();
        WampClient client = builder().reconnect(POLICY).build()
                .onReconnect(attempts::add).onJoin(joins::add).onDisconnect(() -> lifecycle.add("disconnect"));
        ScriptedPeer.Connection first = join(client);
        joins.take();

        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Future<Subscription> subscribed = client.subscribe("chat.", Map.of("match", "prefix"), events::add);
        first.expect(Subscribe.class);
        first.send(new Subscribed(1, 70));
        Future<Registration> registered = client.register("svc.echo", Map.of(),
                inv -> Future.succeededFuture(CallResult.of(inv.args().get(0))));
        first.expect(Register.class);
        first.send(new Registered(2, 80));
        Subscription subscription = await(subscribed);
        Registration registration = await(registered);
        Future<CallResult> inFlight = client.call("svc.other", List.of());
        first.expect(Call.class);

        first.drop();
        long droppedAt = System.nanoTime();
        WampException lost = awaitFailure(inFlight);
        assertThat(lost.error()).isEqualTo(ClientErrors.CONNECTION_LOST);

        ScriptedPeer.Connection refused = peer.accept();
        assertThat(refused.acceptedAtNanos - droppedAt).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(140));
        refused.expect(Hello.class);
        refused.drop();
        ScriptedPeer.Connection second = peer.accept();
        assertThat(second.acceptedAtNanos - refused.acceptedAtNanos).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(290));
        assertThat(attempts).extracting(ReconnectAttempt::attempt).containsExactly(1, 2);
        assertThat(attempts).extracting(ReconnectAttempt::delay).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300));

        second.expect(Hello.class);
        second.send(welcome(5000));
        assertThat(second.receive()).isEqualTo(new Subscribe(1, Map.of("match", "prefix"), "chat."));
        assertThat(second.receive()).isEqualTo(new Register(2, Map.of(), "svc.echo"));
        assertThat(joins).isEmpty();
        second.send(new Subscribed(1, 71));
        second.send(new Registered(2, 81));
        assertThat(joins.poll(ScriptedPeer.WAIT_SECONDS, TimeUnit.SECONDS).sessionId()).isEqualTo(5000);
        assertThat(subscription.id()).isEqualTo(71);
        assertThat(registration.id()).isEqualTo(81);
        assertThat(subscription.isActive()).isTrue();
        assertThat(lifecycle).containsExactly("disconnect", "disconnect");

        second.send(new Event(71, 1, Map.of(), List.of("after"), Map.of()));
        assertThat(((EventDetails) events.poll(ScriptedPeer.WAIT_SECONDS, TimeUnit.SECONDS)).args()).containsExactly("after");
        second.send(new Invocation(9, 81, Map.of(), List.of("echo"), Map.of()));
        assertThat(second.receive()).isEqualTo(new Yield(9, Map.of(), List.of("echo"), Map.of()));
    }

    @Test
    void unsubscribingWhileDisconnectedKeepsItFromBeingRestored() throws Exception {
        WampClient client = builder().reconnect(POLICY).build();
        ScriptedPeer.Connection first = join(client);
        Future<Subscription> gone = client.subscribe("gone", e -> { });
        first.expect(Subscribe.class);
        first.send(new Subscribed(1, 1));
        Future<Subscription> kept = client.subscribe("kept", e -> { });
        first.expect(Subscribe.class);
        first.send(new Subscribed(2, 2));
        await(kept);

        first.drop();
        first.awaitClosed();
        await(client.unsubscribe(await(gone)));
        ScriptedPeer.Connection second = peer.accept();
        second.expect(Hello.class);
        second.send(welcome(2));
        assertThat(second.receive()).isEqualTo(new Subscribe(1, Map.of(), "kept"));
    }

    @Test
    void aRetryableAbortIsRetriedAndConnectCompletesOnTheLaterJoin() throws Exception {
        List<ReconnectAttempt> attempts = new CopyOnWriteArrayList<>();
        WampClient client = builder().reconnect(POLICY).build().onReconnect(attempts::add);
        Future<SessionInfo> joined = client.connect();
        ScriptedPeer.Connection first = peer.accept();
        first.expect(Hello.class);
        first.send(new Abort(Map.of(), WampErrors.SYSTEM_SHUTDOWN));
        ScriptedPeer.Connection second = peer.accept();
        second.expect(Hello.class);
        second.send(welcome(3));
        assertThat(await(joined).sessionId()).isEqualTo(3);
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).cause()).isInstanceOf(WampException.class);
    }

    @Test
    void connectFailsOnceTheAttemptsAreUsedUp() throws Exception {
        WampClient client = builder().reconnect(POLICY.withMaxAttempts(1)).build();
        Future<SessionInfo> joined = client.connect();
        peer.accept().drop();
        peer.accept().drop();
        assertThat(awaitFailure(joined).error()).isEqualTo(ClientErrors.RECONNECT_EXHAUSTED);
    }

    @Test
    void closeStopsTheReconnectLoop() throws Exception {
        CompletableFuture<ReconnectAttempt> scheduled = new CompletableFuture<>();
        WampClient client = builder().reconnect(new ReconnectPolicy(Duration.ofSeconds(3), Duration.ofSeconds(3), 1.0, 0.0, 5))
                .build().onReconnect(scheduled::complete);
        join(client).drop();
        assertThat(scheduled.get(ScriptedPeer.WAIT_SECONDS, TimeUnit.SECONDS).attempt()).isEqualTo(1);
        Future<SessionInfo> pending = client.connect();
        await(client.close());
        assertThat(awaitFailure(pending).error()).isEqualTo(ClientErrors.CLOSED);
        assertThat(client.isJoined()).isFalse();
    }

    @Test
    void unsubscribingWhileTheRestoreIsInFlightUndoesItAtTheRouter() throws Exception {
        BlockingQueue<SessionInfo> joins = new LinkedBlockingQueue<>();
        WampClient client = builder().reconnect(POLICY).build().onJoin(joins::add);
        ScriptedPeer.Connection first = join(client);
        Future<Subscription> subscribed = client.subscribe("t", e -> { });
        first.expect(Subscribe.class);
        first.send(new Subscribed(1, 1));
        Subscription subscription = await(subscribed);

        first.drop();
        ScriptedPeer.Connection second = peer.accept();
        second.expect(Hello.class);
        second.send(welcome(2));
        assertThat(second.receive()).isEqualTo(new Subscribe(1, Map.of(), "t"));
        await(client.unsubscribe(subscription));
        second.send(new Subscribed(1, 33));
        assertThat(second.receive()).isEqualTo(new io.natter.wamp.message.Unsubscribe(2, 33));
        assertThat(subscription.isActive()).isFalse();
        assertThat(subscription.id()).isEqualTo(1);
        assertThat(await(client.subscriptions())).isEmpty();
    }
}
