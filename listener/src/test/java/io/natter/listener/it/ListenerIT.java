package io.natter.listener.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natter.testsupport.AppApiHttp.Device;
import io.natter.testsupport.AppApiHttp;
import io.natter.testsupport.Await;
import io.natter.testsupport.Randoms;
import io.natter.testsupport.ServiceProcess;
import io.natter.testsupport.WampSessions;
import io.natter.testsupport.WholeStack;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.serialization.Serializers;
import io.natter.wamp.client.WampException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The listener between the real router (the stack's {@code natter.json}), app-api, the
 * authenticator, PostgreSQL, RabbitMQ and Redis: a member's message is stored once; two tabs are
 * online once; the last tab gone sends {@code left}; a new presence subscriber gets the current list
 * at once (the router's event retention); a non-member may not list presence; a
 * listener killed with SIGKILL and restarted leaves no ghost; presence is in Redis, and a flushed
 * Redis is repaired by the next rebuild; a restarted router (every session gone) leaves no ghost; two
 * listeners side by side both forward (stored once) and storage and presence survive the loss of one. Users join as a browser does
 * (WAMP-CRA with their token and its id).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ListenerIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static Stack stack;
    private static Vertx vertx;
    private static AppApiHttp api;
    private static Redis redis;
    private static Presence presence;
    private WampSessions sessions;

    private Device alice;
    private Device bob;
    private String thread;

    @BeforeAll
    static void startStack() {
        stack = Stack.start();
        vertx = Vertx.vertx();
        api = new AppApiHttp(stack.appUrl());
        redis = Redis.createClient(vertx, stack.redisUrl());
        presence = new Presence(redis, WAIT);
    }

    @AfterAll
    static void stopStack() {
        if (redis != null) {
            redis.close();
        }
        if (vertx != null) {
            vertx.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void chat() throws Exception {
        sessions = new WampSessions(vertx, stack.routerUrl(), Serializers.JSON, WAIT);
        WholeStack.restartDead(stack.router, stack.listener);
        stack.authenticator.awaitReady(Duration.ofSeconds(30));
        stack.listener.awaitReady(Duration.ofSeconds(30));
        alice = api.signUp("alice-" + Randoms.hex(3));
        bob = api.signUp("bob-" + Randoms.hex(3));
        thread = api.openThread(alice, "Listener " + Randoms.hex(3));
        api.addMember(alice, thread, bob.name());
    }

    @AfterEach
    void closeClients() throws Exception {
        sessions.closeAllQuietly();
    }

    @Test
    void aMembersMessageIsStoredOnce() throws Exception {
        WampClient a = join(alice);
        long publication = await(a.publish(topic(), List.of("hello, stored"), Map.of("client_id", "c-1"),
                Map.of("acknowledge", true)));

        awaitTrue(() -> stored(publication).size() == 1, "message " + publication + " stored");
        JsonObject row = stored(publication).get(0);
        assertThat(row.getString("author")).isEqualTo(alice.name());
        assertThat(row.getString("text")).isEqualTo("hello, stored");
        assertThat(row.getString("client_id")).isEqualTo("c-1");
        Thread.sleep(1000);
        assertThat(stored(publication)).as("still once").hasSize(1);
    }

    @Test
    void twoTabsAreOnlineOnceAndTheLastOneGoneSendsLeft() throws Exception {
        List<Map<?, ?>> seen = presenceEvents(join(bob));
        WampClient tab1 = join(alice);
        WampClient tab2 = join(alice);
        await(tab1.subscribe(topic(), e -> { }));
        awaitTrue(() -> seen.stream().anyMatch(p -> alice.name().equals(p.get("joined"))), "alice joined");
        await(tab2.subscribe(topic(), e -> { }));
        WampClient asker = join(bob);
        awaitTrue(() -> list(asker).equals(List.of(alice.name())), "alice listed once");

        await(tab1.close());
        Thread.sleep(1000);
        assertThat(list(asker)).as("one tab left open").containsExactly(alice.name());
        assertThat(seen).noneMatch(p -> alice.name().equals(p.get("left")));

        await(tab2.close());
        awaitTrue(() -> seen.stream().anyMatch(p -> alice.name().equals(p.get("left"))), "alice left");
        Map<?, ?> left = seen.stream().filter(p -> alice.name().equals(p.get("left"))).findFirst().orElseThrow();
        assertThat(left.get("thread")).isEqualTo(thread);
        assertThat((List<?>) left.get("online")).isEmpty();
        assertThat(seen.stream().filter(p -> alice.name().equals(p.get("joined")))).as("joined once").hasSize(1);
        assertThat(list(asker)).isEmpty();
    }

    @Test
    void aNewPresenceSubscriberGetsTheCurrentListAtOnce() throws Exception {
        WampClient a = join(alice);
        await(a.subscribe(topic(), e -> { }));
        WampClient asker = join(bob);
        awaitTrue(() -> list(asker).equals(List.of(alice.name())), "alice online");

        List<EventDetails> retained = new CopyOnWriteArrayList<>();
        await(join(bob).subscribe("natter.presence." + thread, Map.of("get_retained", true), retained::add));
        awaitTrue(() -> !retained.isEmpty(), "the retained presence event");
        EventDetails event = retained.get(0);
        assertThat(event.details()).containsEntry("retained", true);
        Map<?, ?> payload = (Map<?, ?>) event.args().get(0);
        assertThat(payload.get("thread")).isEqualTo(thread);
        assertThat(payload.get("online")).isEqualTo(List.of(alice.name()));
    }

    @Test
    void aNonMemberMayNotListPresence() throws Exception {
        Device mallory = api.signUp("mallory-" + Randoms.hex(3));
        WampClient m = join(mallory);
        assertThatThrownBy(() -> list(m)).isInstanceOf(WampException.class)
                .extracting(e -> ((WampException) e).error()).isEqualTo("wamp.error.not_authorized");
        assertThat(list(join(bob))).isEmpty();
    }

    @Test
    void aListenerKilledAndRestartedLeavesNoGhost() throws Exception {
        List<Map<?, ?>> seen = presenceEvents(join(bob));
        WampClient a = join(alice);
        await(a.subscribe(topic(), e -> { }));
        WampClient asker = join(bob);
        awaitTrue(() -> list(asker).equals(List.of(alice.name())), "alice online");

        stack.listener.kill();
        await(a.close());
        stack.listener.start(Duration.ofSeconds(60));

        awaitTrue(() -> seen.stream().anyMatch(p -> alice.name().equals(p.get("left"))),
                "left published by the restarted listener");
        awaitTrue(() -> list(asker).isEmpty(), "no ghost in natter.presence.list");

        // Storage still works after the restart.
        long publication = await(join(bob).publish(topic(), List.of("after restart"), Map.of(), Map.of("acknowledge", true)));
        awaitTrue(() -> stored(publication).size() == 1, "message after restart stored");
    }

    @Test
    void presenceIsKeptInRedisAndAFlushedRedisIsRepaired() throws Exception {
        WampClient a = join(alice);
        await(a.subscribe(topic(), e -> { }));
        String key = stack.redisPrefix + "online:" + thread;
        awaitTrue(() -> presence.members(key).equals(Set.of(alice.name())), "alice in Redis");
        assertThat(presence.members(stack.redisPrefix + "threads")).contains(thread);

        presence.delete(key);
        presence.delete(stack.redisPrefix + "threads");
        awaitTrue(() -> presence.members(key).equals(Set.of(alice.name())), "alice back in Redis after the flush");

        await(a.close());
        awaitTrue(() -> presence.members(key).isEmpty(), "alice gone from Redis");
        assertThat(presence.members(stack.redisPrefix + "threads")).doesNotContain(thread);
    }

    @Test
    void aRestartedRouterLeavesNoGhost() throws Exception {
        WampClient a = join(alice);
        await(a.subscribe(topic(), e -> { }));
        String key = stack.redisPrefix + "online:" + thread;
        awaitTrue(() -> presence.members(key).equals(Set.of(alice.name())), "alice in Redis");

        stack.router.kill();
        stack.router.start(Duration.ofSeconds(60));
        // Every session went with the router: once the listener has rejoined and rebuilt, nobody is online.
        awaitTrue(() -> presence.members(key).isEmpty(), Duration.ofSeconds(30), "alice gone after the restart");

        WampClient again = awaitJoin(alice);
        await(again.subscribe(topic(), e -> { }));
        WampClient asker = awaitJoin(bob);
        awaitTrue(() -> list(asker).equals(List.of(alice.name())), Duration.ofSeconds(30), "alice online again");
    }

    @Test
    void twoListenersBothForwardAndStorageSurvivesTheLossOfOne() throws Exception {
        try {
            stack.secondListener.start(Duration.ofSeconds(60));
            WampClient a = join(alice);
            long first = await(a.publish(topic(), List.of("with two listeners"), Map.of(), Map.of("acknowledge", true)));
            awaitTrue(() -> stored(first).size() == 1, "stored with two listeners");
            awaitTrue(() -> forwarded(stack.listener) >= 1 && forwarded(stack.secondListener) >= 1, "both forwarded");
            Thread.sleep(1000);
            assertThat(stored(first)).as("the second copy is harmless").hasSize(1);

            stack.listener.kill();
            long second = await(a.publish(topic(), List.of("one listener left"), Map.of(), Map.of("acknowledge", true)));
            awaitTrue(() -> stored(second).size() == 1, "stored by the remaining listener");
            await(a.subscribe(topic(), e -> { }));
            WampClient asker = join(bob);
            awaitTrue(() -> list(asker).equals(List.of(alice.name())), "the remaining listener lists presence");
        } finally {
            stack.secondListener.stop();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** {@code natter_listener_messages_forwarded_total} of one listener process. */
    private static double forwarded(ServiceProcess listener) {
        for (String line : listener.get("/q/metrics").split("\n")) {
            if (line.startsWith("natter_listener_messages_forwarded_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** Joins, trying again while the authenticator has not rejoined the restarted router. */
    private WampClient awaitJoin(Device device) throws Exception {
        return sessions.joinWhenPossible(device, Duration.ofSeconds(30));
    }

    private String topic() {
        return "natter.thread." + thread;
    }

    private WampClient join(Device device) throws Exception {
        return sessions.join(device);
    }

    private List<Map<?, ?>> presenceEvents(WampClient client) throws Exception {
        List<Map<?, ?>> seen = new CopyOnWriteArrayList<>();
        await(client.subscribe("natter.presence." + thread, (EventDetails e) -> {
            if (!e.args().isEmpty() && e.args().get(0) instanceof Map<?, ?> payload) {
                seen.add(payload);
            }
        }));
        return seen;
    }

    private List<Object> list(WampClient client) {
        return presence.list(client, thread);
    }

    private List<JsonObject> stored(long publication) {
        try {
            JsonArray messages = api.messages(alice, thread);
            List<JsonObject> found = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                JsonObject m = messages.getJsonObject(i);
                if (m.getLong("publication") == publication) {
                    found.add(m);
                }
            }
            return found;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return Await.result(future.toCompletionStage(), WAIT);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        awaitTrue(condition, WAIT, what);
    }

    private static void awaitTrue(BooleanSupplier condition, Duration wait, String what) throws InterruptedException {
        Await.until(condition, wait, what);
    }
}
