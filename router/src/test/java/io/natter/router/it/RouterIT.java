package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import io.natter.router.realm.RealmRegistry;
import io.natter.router.realm.RealmStats;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.ReconnectPolicy;
import io.natter.wamp.client.SessionInfo;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.client.WampException;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;

/**
 * What every router integration test shares: {@link WampClient}s (no reconnect) and
 * {@link RawPeer}s joined to {@code realm1} on the router under test, all closed after each test;
 * then the realm must hold no session, subscription, registration or call in flight within
 * {@link #WAIT_SECONDS} — a leak fails the test.
 */
abstract class RouterIT {

    /** The bound of every wait in these tests. */
    static final int WAIT_SECONDS = 10;
    static final String REALM = "realm1";

    @Inject
    RealmRegistry registry;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL root;

    private final List<WampClient> clients = new ArrayList<>();
    private final List<RawPeer> peers = new ArrayList<>();

    /** A client joined to {@code realm1} over {@code wire}. */
    WampClient connect(Wire wire) throws Exception {
        WampClient client = client(wire);
        await(client.connect());
        return client;
    }

    /** A client of {@code realm1} over {@code wire}, not yet connected; closed after the test. */
    WampClient client(Wire wire) {
        WampClient client = WampClient.builder(vertx, "ws://127.0.0.1:" + port() + "/ws")
                .realm(REALM).serializer(wire.serializer()).reconnect(ReconnectPolicy.none())
                .requestTimeout(Duration.ofSeconds(WAIT_SECONDS)).connectTimeout(Duration.ofSeconds(WAIT_SECONDS))
                .build();
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /** A bare WebSocket to the router over {@code wire}, not yet joined; closed after the test. */
    RawPeer raw(Wire wire) throws Exception {
        RawPeer peer = RawPeer.connect(vertx, port(), wire);
        synchronized (peers) {
            peers.add(peer);
        }
        return peer;
    }

    int port() {
        return root.getPort();
    }

    @AfterEach
    void closeAllAndCheckForLeaks() throws Exception {
        List<Future<Void>> closing = new ArrayList<>();
        synchronized (clients) {
            for (WampClient client : clients) {
                closing.add(client.close());
            }
            clients.clear();
        }
        for (Future<Void> future : closing) {
            try {
                future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // a client the router already dropped (kill, violation) has nothing left to close
            }
        }
        synchronized (peers) {
            peers.forEach(RawPeer::close);
            peers.clear();
        }
        assertRealmEmpty();
    }

    /** Waits (bounded) until {@code realm1} holds nothing; fails with what it still holds. */
    void assertRealmEmpty() {
        Awaitility.await("realm1 empty after the test").atMost(Duration.ofSeconds(WAIT_SECONDS)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> {
                    RealmStats stats = registry.stats(REALM);
                    if (!isEmpty(stats)) {
                        fail("the router leaked after the test: " + stats);
                    }
                });
    }

    private static boolean isEmpty(RealmStats stats) {
        return stats.sessions() == 0 && stats.subscriptions() == 0 && stats.registrations() == 0 && stats.pendingCalls() == 0;
    }

    // ---------------------------------------------------------------- waiting

    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the future failed: " + e.getCause(), e.getCause());
        }
    }

    /** The {@link WampException} that {@code future} fails with. */
    static WampException awaitError(Future<?> future) {
        Throwable thrown = catchThrowable(() -> future.toCompletionStage().toCompletableFuture()
                .get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertThat(thrown).as("the future should fail with a WAMP error").isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(WampException.class);
        return (WampException) thrown.getCause();
    }

    static long id(Object number) {
        assertThat(number).isInstanceOf(Number.class);
        return ((Number) number).longValue();
    }

    static long sessionId(WampClient client) {
        SessionInfo session = client.session();
        assertThat(session).as("joined").isNotNull();
        return session.sessionId();
    }

    /** Events in arrival order, with bounded waits. */
    static final class Inbox<T> implements Consumer<T> {

        private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();

        @Override
        public void accept(T item) {
            queue.add(item);
        }

        /** The next item, within the wait limit. */
        T next() throws InterruptedException {
            T item = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (item == null) {
                fail("nothing arrived within " + WAIT_SECONDS + " s");
            }
            return item;
        }

        /** Whether nothing is waiting now. */
        boolean isEmpty() {
            return queue.isEmpty();
        }

        List<T> drain() {
            List<T> items = new ArrayList<>();
            queue.drainTo(items);
            return items;
        }
    }

    /** A meta event or any event reduced to what tests compare: topic, args, kwargs. */
    record Seen(String topic, List<Object> args, Map<String, Object> kwargs) {

        static Seen of(EventDetails event) {
            return new Seen(event.topic(), event.args(), event.kwargs());
        }

        /** The same with integer arguments as longs (serializers pick Integer or Long by magnitude). */
        Seen normalized() {
            List<Object> longs = new ArrayList<>(args.size());
            for (Object arg : args) {
                longs.add(arg instanceof Integer || arg instanceof Long ? (Object) ((Number) arg).longValue() : arg);
            }
            return new Seen(topic, longs, kwargs);
        }
    }
}
