package io.natter.wamp.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.message.Event;
import io.natter.wamp.message.Goodbye;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Yield;
import io.natter.wamp.client.transport.TransportConnection;
import io.natter.wamp.client.transport.TransportListener;
import io.natter.wamp.client.transport.TransportRequest;
import io.natter.wamp.client.transport.VertxWebSocketTransport;
import io.natter.wamp.client.transport.WampTransport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client over its transport interface: the default Vert.x transport, and one that calls back on threads of its own. */
class WampClientTransportTest extends PeerTestBase {

    private final ExecutorService foreign = Executors.newSingleThreadExecutor(r -> new Thread(r, "foreign-transport"));

    @AfterEach
    void stopForeign() {
        foreign.shutdownNow();
    }

    @Test
    void noOriginHeaderGoesOutUnlessTheApplicationSetsOne() throws Exception {
        WampClient plain = builder().build();
        ScriptedPeer.Connection first = join(plain);
        assertThat(first.headers.get("Origin")).isNull();
        assertThat(first.offeredSubprotocols).isEqualTo("wamp.2.json");

        WampClient browserLike = builder().header("Origin", "http://localhost:5173").build();
        ScriptedPeer.Connection second = join(browserLike);
        assertThat(second.headers.getAll("Origin")).containsExactly("http://localhost:5173");
    }

    @Test
    void aTransportCallingBackOnItsOwnThreadIsHandedOverToTheClientsContextInOrder() throws Exception {
        ForeignThreadTransport transport = new ForeignThreadTransport(new VertxWebSocketTransport(vertx));
        WampClient client = builder().transport(transport).build();
        ScriptedPeer.Connection connection = join(client);
        assertThat(transport.callbacks.get()).isPositive();

        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Future<Subscription> subscribed = client.subscribe("chat", e -> {
            events.add(Context.isOnEventLoopThread() ? e.args().get(0) : "off the event loop: " + Thread.currentThread());
        });
        connection.expect(Subscribe.class);
        connection.send(new Subscribed(1, 5));
        await(subscribed);
        for (int i = 0; i < 50; i++) {
            connection.send(new Event(5, i, Map.of(), List.of(i), Map.of()));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(events.poll(ScriptedPeer.WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(i);
        }

        Future<Registration> registered = client.register("svc.echo", Map.of(), invocation -> {
            Promise<CallResult> later = Promise.promise();
            foreign.execute(() -> later.complete(CallResult.of(invocation.args().get(0))));
            return later.future();
        });
        connection.expect(Register.class);
        connection.send(new Registered(2, 9));
        await(registered);
        connection.send(new Invocation(7, 9, Map.of(), List.of("echo"), Map.of()));
        assertThat(connection.receive()).isEqualTo(new Yield(7, Map.of(), List.of("echo"), Map.of()));

        Future<Void> closed = client.close();
        connection.expect(Goodbye.class);
        connection.send(new Goodbye(Map.of(), "wamp.close.goodbye_and_out"));
        await(closed);
        connection.awaitClosed();
        assertThat(client.isJoined()).isFalse();
    }

    /** Delegates to another transport but reports everything, and completes every future, on a thread of its own. */
    private final class ForeignThreadTransport implements WampTransport {
        private final WampTransport delegate;
        final AtomicInteger callbacks = new AtomicInteger();

        ForeignThreadTransport(WampTransport delegate) {
            this.delegate = delegate;
        }

        @Override
        public Future<TransportConnection> open(TransportRequest request, TransportListener listener) {
            TransportListener relayed = new TransportListener() {
                @Override
                public void onText(String text) {
                    relay(() -> listener.onText(text));
                }

                @Override
                public void onBinary(byte[] bytes) {
                    relay(() -> listener.onBinary(bytes));
                }

                @Override
                public void onClose(int code, String reason) {
                    relay(() -> listener.onClose(code, reason));
                }

                @Override
                public void onError(Throwable error) {
                    relay(() -> listener.onError(error));
                }
            };
            return elsewhere(delegate.open(request, relayed)).map(connection -> new TransportConnection() {
                @Override
                public String subprotocol() {
                    return connection.subprotocol();
                }

                @Override
                public Future<Void> sendText(String text) {
                    return elsewhere(connection.sendText(text));
                }

                @Override
                public Future<Void> sendBinary(byte[] bytes) {
                    return elsewhere(connection.sendBinary(bytes));
                }

                @Override
                public Future<Void> close() {
                    return elsewhere(connection.close());
                }

                @Override
                public boolean isClosed() {
                    return connection.isClosed();
                }
            });
        }

        private void relay(Runnable call) {
            callbacks.incrementAndGet();
            foreign.execute(call);
        }

        private <T> Future<T> elsewhere(Future<T> future) {
            Promise<T> promise = Promise.promise();
            future.onComplete(ar -> foreign.execute(() -> promise.handle(ar)));
            return promise.future();
        }
    }
}
