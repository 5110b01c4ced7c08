package io.natter.wamp.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Published;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Unregister;
import io.natter.wamp.message.Unsubscribe;
import io.natter.wamp.message.Unsubscribed;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WampClientPubSubTest extends PeerTestBase {

    @Test
    void eventsReachTheHandlerInOrderOnTheClientsEventLoop() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);
        BlockingQueue<EventDetails> events = new LinkedBlockingQueue<>();
        BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        Future<Subscription> subscribed = client.subscribe("chat.", Map.of("match", "prefix"), e -> {
            assertThat(Context.isOnEventLoopThread()).isTrue();
            threads.add(Thread.currentThread());
            events.add(e);
        });
        assertThat(connection.receive()).isEqualTo(new Subscribe(1, Map.of("match", "prefix"), "chat."));
        connection.send(new Subscribed(1, 77));
        Subscription subscription = await(subscribed);
        assertThat(subscription.id()).isEqualTo(77);
        assertThat(subscription.isActive()).isTrue();

        connection.send(new Event(77, 501, Map.of("topic", "chat.general", "publisher", 9, "publisher_authid", "bob"),
                List.of("hi"), Map.of("client_id", "c1")));
        connection.send(new Event(77, 502, Map.of(), List.of("second"), Map.of()));
        EventDetails first = events.poll(ScriptedPeer.WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(first.subscription()).isSameAs(subscription);
        assertThat(first.publication()).isEqualTo(501);
        assertThat(first.topic()).isEqualTo("chat.general");
        assertThat(first.args()).containsExactly("hi");
        assertThat(first.kwargs()).containsEntry("client_id", "c1");
        assertThat(first.publisher()).isEqualTo(9L);
        assertThat(first.publisherAuthid()).isEqualTo("bob");
        EventDetails second = events.poll(ScriptedPeer.WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(second.publication()).isEqualTo(502);
        assertThat(second.topic()).isEqualTo("chat.");
        assertThat(second.publisher()).isNull();
        assertThat(threads.take()).isSameAs(threads.take());

        Future<Void> unsubscribed = client.unsubscribe(subscription);
        assertThat(connection.receive()).isEqualTo(new Unsubscribe(2, 77));
        connection.send(new Unsubscribed(2, Map.of()));
        await(unsubscribed);
        assertThat(subscription.isActive()).isFalse();
        assertThat(await(client.subscriptions())).isEmpty();
    }

    @Test
    void twoSubscriptionsSharingARouterIdUnsubscribeOnlyWithTheLast() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        Future<Subscription> a = client.subscribe("t", e -> seen.add("a"));
        connection.expect(Subscribe.class);
        connection.send(new Subscribed(1, 5));
        Future<Subscription> b = client.subscribe("t", e -> seen.add("b"));
        connection.expect(Subscribe.class);
        connection.send(new Subscribed(2, 5));
        await(b);

        await(client.unsubscribe(await(a)));
        connection.send(new Event(5, 1, Map.of(), List.of(), Map.of()));
        assertThat(seen.poll(ScriptedPeer.WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("b");
        client.unsubscribe(await(b));
        assertThat(connection.receive()).isEqualTo(new Unsubscribe(3, 5));
    }

    @Test
    void publishCompletesOnWriteOrOnAcknowledgement() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);

        assertThat(await(client.publish("chat.general", List.of("hello"), Map.of("client_id", "x"), Map.of()))).isNull();
        assertThat(connection.receive()).isEqualTo(new Publish(1, Map.of(), "chat.general", List.of("hello"), Map.of("client_id", "x")));

        Future<Long> acknowledged = client.publish("chat.general", List.of("again"), Map.of(), Map.of("acknowledge", true));
        assertThat(connection.receive()).isEqualTo(new Publish(2, Map.of("acknowledge", true), "chat.general", List.of("again"), Map.of()));
        connection.send(new Published(2, 9001));
        assertThat(await(acknowledged)).isEqualTo(9001L);

        Future<Long> refused = client.publish("secret", List.of(), Map.of(), Map.of("acknowledge", true));
        connection.expect(Publish.class);
        connection.send(new Error(Publish.CODE, 3, Map.of(), WampErrors.NOT_AUTHORIZED, List.of("no"), Map.of()));
        WampException failure = awaitFailure(refused);
        assertThat(failure.error()).isEqualTo(WampErrors.NOT_AUTHORIZED);
        assertThat(failure.args()).containsExactly("no");
    }

    @Test
    void everyRequestTypeDrawsFromOneSequentialCounter() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);
        Future<Subscription> subscribed = client.subscribe("t", e -> { });
        client.publish("t", List.of(), Map.of(), Map.of());
        client.call("p", List.of());
        Future<Registration> registered = client.register("q", Map.of(), inv -> Future.succeededFuture(CallResult.empty()));
        client.publish("t", List.of(), Map.of(), Map.of("acknowledge", true));

        assertThat(connection.expect(Subscribe.class).request()).isEqualTo(1);
        assertThat(connection.expect(Publish.class).request()).isEqualTo(2);
        assertThat(connection.expect(Call.class).request()).isEqualTo(3);
        Register register = connection.expect(Register.class);
        assertThat(register.request()).isEqualTo(4);
        assertThat(connection.expect(Publish.class).request()).isEqualTo(5);

        connection.send(new Subscribed(1, 50));
        connection.send(new io.natter.wamp.message.Registered(4, 60));
        client.unsubscribe(await(subscribed));
        assertThat(connection.expect(Unsubscribe.class).request()).isEqualTo(6);
        client.unregister(await(registered));
        assertThat(connection.receive()).isEqualTo(new Unregister(7, 60));
    }

    @Test
    void aFailingEventHandlerDoesNotStopDelivery() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        Future<Subscription> subscribed = client.subscribe("t", e -> {
            seen.add(e.publication());
            throw new IllegalStateException("handler bug");
        });
        connection.expect(Subscribe.class);
        connection.send(new Subscribed(1, 8));
        await(subscribed);
        connection.send(new Event(8, 1, Map.of(), List.of(), Map.of()));
        connection.send(new Event(8, 2, Map.of(), List.of(), Map.of()));
        assertThat(seen.poll(ScriptedPeer.WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1L);
        assertThat(seen.poll(ScriptedPeer.WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(2L);
        assertThat(client.isJoined()).isTrue();
    }

    @Test
    void anUnansweredSubscribeTimesOut() throws Exception {
        WampClient client = builder().requestTimeout(java.time.Duration.ofMillis(200)).build();
        ScriptedPeer.Connection connection = join(client);
        Future<Subscription> subscribed = client.subscribe("t", e -> { });
        connection.expect(Subscribe.class);
        assertThat(awaitFailure(subscribed).error()).isEqualTo(WampErrors.TIMEOUT);
        assertThat(await(client.subscriptions())).isEmpty();
    }

    @Test
    void aRevokedSubscriptionIsDroppedAndNotRestored() throws Exception {
        WampClient client = builder().build();
        ScriptedPeer.Connection connection = join(client);
        Future<Subscription> subscribed = client.subscribe("t", e -> { });
        connection.expect(Subscribe.class);
        connection.send(new Subscribed(1, 9));
        Subscription subscription = await(subscribed);
        connection.send(new Unsubscribed(0, Map.of("subscription", 9, "reason", "natter.access_changed")));
        // the revocation is processed before anything the client is asked after it arrived: probe with a call
        Future<CallResult> probe = client.call("probe", List.of());
        connection.send(new io.natter.wamp.message.Result(connection.expect(io.natter.wamp.message.Call.class).request(), Map.of(), List.of(), Map.of()));
        await(probe);
        assertThat(await(client.subscriptions())).isEmpty();
        assertThat(subscription.isActive()).isFalse();
    }
}
