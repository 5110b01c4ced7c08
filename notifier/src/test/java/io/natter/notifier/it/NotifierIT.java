package io.natter.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.natter.testsupport.AppApiHttp.Device;
import io.natter.testsupport.AppApiHttp;
import io.natter.testsupport.Await;
import io.natter.testsupport.Randoms;
import io.natter.testsupport.WampSessions;
import io.natter.testsupport.WholeStack;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.serialization.Serializers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * The notifier between real RabbitMQ, the real router (the stack's {@code natter.json}), app-api and
 * the authenticator: {@code user.<name>} reaches that user's session and no one else's;
 * {@code thread.<t>} reaches each member; {@code POST /api/notifications} is delivered; malformed,
 * oversized and unknown-recipient messages go to the DLQ with their reason while the notifier keeps
 * serving; with the router stopped while 1,000 notifications are queued, all 1,000 arrive once it is
 * back, none under a new id, and the queue ends empty; a user offline when it went out finds it in
 * app-api's inbox; a notifier killed (SIGKILL) mid-batch and started again delivers all 500, none under a
 * new id.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NotifierIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static Stack stack;
    private static Vertx vertx;
    private static AppApiHttp api;
    private static Connection broker;
    private static Channel channel;
    private WampSessions sessions;

    private Device alice;
    private Device bob;
    private Device carol;

    @BeforeAll
    static void startStack() throws Exception {
        stack = Stack.start();
        vertx = Vertx.vertx();
        api = new AppApiHttp(stack.appUrl());
        broker = Stack.broker();
        channel = broker.createChannel();
        channel.confirmSelect();
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (vertx != null) {
            vertx.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void users() throws Exception {
        sessions = new WampSessions(vertx, stack.routerUrl(), Serializers.JSON, WAIT);
        WholeStack.restartDead(stack.router, stack.notifier);
        stack.authenticator.awaitReady(Duration.ofSeconds(30));
        stack.notifier.awaitReady(Duration.ofSeconds(30));
        alice = api.signUp("alice-" + Randoms.hex(3));
        bob = api.signUp("bob-" + Randoms.hex(3));
        carol = api.signUp("carol-" + Randoms.hex(3));
    }

    @AfterEach
    void closeClients() {
        sessions.closeAllQuietly();
    }

    @Test
    void aUserNotificationReachesThatUserOnly() throws Exception {
        List<Map<?, ?>> toBob = notifications(join(bob), bob);
        List<Map<?, ?>> toCarol = notifications(join(carol), carol);

        publish("user." + bob.name(), new JsonObject().put("title", "For bob").put("body", "only")
                .put("data", new JsonObject().put("k", 1)).put("from", "billing"), null);
        awaitTrue(() -> toBob.size() == 1, "bob notified");
        Map<?, ?> n = toBob.get(0);
        assertThat(n.get("title")).isEqualTo("For bob");
        assertThat(n.get("body")).isEqualTo("only");
        assertThat(n.get("from")).isEqualTo("billing");
        assertThat(((Map<?, ?>) n.get("data")).get("k")).isEqualTo(1);
        assertThat((String) n.get("id")).isNotBlank();
        assertThat((String) n.get("ts")).isNotBlank();

        String id = api.notify(alice, new JsonObject().put("to_user", bob.name()).put("title", "Over HTTP"));
        awaitTrue(() -> toBob.size() == 2, "bob notified over HTTP");
        assertThat(toBob.get(1).get("id")).isEqualTo(id);
        assertThat(toBob.get(1).get("title")).isEqualTo("Over HTTP");
        assertThat(toBob.get(1).get("from")).isEqualTo(alice.name());
        Thread.sleep(1000);
        assertThat(toCarol).as("carol got nothing").isEmpty();
        assertThat(toBob).hasSize(2);
    }

    @Test
    void anOfflineUserFindsItInTheInbox() throws Exception {
        List<Map<?, ?>> toBob = notifications(join(bob), bob);
        publish("user." + carol.name(), new JsonObject().put("title", "While away"), "offline-" + carol.name());
        publish("user." + bob.name(), new JsonObject().put("title", "after"), null);
        awaitTrue(() -> toBob.size() == 1, "the next one delivered");
        awaitTrue(() -> unreadCount(carol) == 1, "carol's inbox holds it");
        io.vertx.core.json.JsonArray unread = api.unread(carol);
        assertThat(unread.size()).isEqualTo(1);
        assertThat(unread.getJsonObject(0).getString("id")).isEqualTo("offline-" + carol.name());
        assertThat(unread.getJsonObject(0).getString("title")).isEqualTo("While away");
        assertThat(api.unread(bob).getJsonObject(0).getString("id")).isEqualTo(toBob.get(0).get("id"));
    }

    @Test
    void aThreadNotificationReachesEachMember() throws Exception {
        String title = "Notify " + Randoms.hex(3);
        String thread = api.openThread(alice, title);
        api.addMember(alice, thread, bob.name());
        List<Map<?, ?>> toAlice = notifications(join(alice), alice);
        List<Map<?, ?>> toBob = notifications(join(bob), bob);
        List<Map<?, ?>> toCarol = notifications(join(carol), carol);

        publish("thread." + thread, new JsonObject().put("title", "Team"), "thread-n-1");
        awaitTrue(() -> toAlice.size() == 1 && toBob.size() == 1, "both members notified");
        assertThat(toAlice.get(0).get("id")).isEqualTo("thread-n-1");
        assertThat(toBob.get(0).get("id")).isEqualTo("thread-n-1");
        Thread.sleep(1000);
        assertThat(toCarol).as("not a member").isEmpty();
        // app-api told bob he was added (through its outbox and this notifier): it waits in his inbox.
        awaitTrue(() -> unreadTitles(bob).contains(alice.name() + " added you to “" + title + "”"),
                "bob's inbox says alice added him");
    }

    @Test
    void refusedMessagesGoToTheDeadLetterQueueWithTheirReason() throws Exception {
        List<Map<?, ?>> toBob = notifications(join(bob), bob);
        String dlq = stack.rabbit.prefix() + "natter.notifications.dlq";
        channel.queuePurge(dlq);
        String marker = Randoms.hex(4);

        publishRaw("user." + bob.name(), ("not json " + marker).getBytes(StandardCharsets.UTF_8), null);
        publish("user." + bob.name(), new JsonObject().put("title", "big " + marker)
                .put("data", new JsonObject().put("v", "x".repeat(17_000))), null);
        publish("user." + bob.name(), new JsonObject().put("title", "t".repeat(201)), null);
        publish("user.nobody-" + marker, new JsonObject().put("title", "ghost " + marker), null);
        publish("thread.none-" + marker, new JsonObject().put("title", "no thread " + marker), null);
        publish("user." + bob.name(), new JsonObject().put("title", "still served " + marker), null);

        awaitTrue(() -> toBob.size() == 1, "the valid one delivered");
        assertThat(toBob.get(0).get("title")).isEqualTo("still served " + marker);
        Map<String, String> reasons = new HashMap<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (reasons.size() < 5 && System.nanoTime() < deadline) {
            GetResponse got = channel.basicGet(dlq, true);
            if (got == null) {
                Thread.sleep(200);
                continue;
            }
            String reason = got.getProps().getHeaders().get("x-natter-reason").toString();
            reasons.put(got.getEnvelope().getRoutingKey().equals(dlq) ? reason.substring(0, reason.indexOf(':')) : "?",
                    new String(got.getBody(), StandardCharsets.UTF_8).substring(0, 8));
        }
        assertThat(reasons.keySet()).containsExactlyInAnyOrder("malformed", "data", "title", "unknown_user",
                "unknown_thread");
        assertThat(reasons.get("malformed")).isEqualTo("not json");
        assertThat(stack.notifier.isReady()).isTrue();
    }

    @Test
    void aThousandQueuedWhileTheRouterIsAwayAllArriveUnderTheirIds() throws Exception {
        stack.router.stop();
        int count = 1000;
        String marker = Randoms.hex(4);
        for (int i = 0; i < count; i++) {
            publish("user." + bob.name(), new JsonObject().put("title", marker + " #" + i), null);
        }
        Thread.sleep(2000);
        // Held so that bob is subscribed before the notifier rejoins and publishes (events are not retained).
        stack.notifier.freeze();
        try {
            stack.router.start(Duration.ofSeconds(60));
            stack.authenticator.awaitReady(Duration.ofSeconds(30));
            List<Map<?, ?>> toBob = notifications(joinWhenPossible(bob), bob);
            stack.notifier.thaw();
            awaitTrue(() -> titles(toBob).size() == count, Duration.ofSeconds(90), "all " + count + " delivered");
        } finally {
            stack.notifier.thaw();
        }
        awaitTrue(() -> queued() == 0, "the queue empty (every message acked)");
    }

    @Test
    void aNotifierKilledMidBatchLosesNothing() throws Exception {
        List<Map<?, ?>> toBob = notifications(join(bob), bob);
        int count = 500;
        String marker = Randoms.hex(4);
        for (int i = 0; i < count / 2; i++) {
            publish("user." + bob.name(), new JsonObject().put("title", marker + " #" + i), null);
        }
        awaitTrue(() -> !toBob.isEmpty(), "delivery under way");
        // app-api held: the notifier takes a prefetch's worth in hand and cannot finish them.
        stack.appApi.freeze();
        try {
            for (int i = count / 2; i < count; i++) {
                publish("user." + bob.name(), new JsonObject().put("title", marker + " #" + i), null);
            }
            Thread.sleep(1500);
            stack.notifier.kill();
        } finally {
            stack.appApi.thaw();
        }
        int before = titles(toBob).size();
        assertThat(before).as("killed mid-batch").isLessThan(count);
        System.out.println("NotifierIT: " + before + " of " + count + " delivered when the notifier was killed");
        stack.notifier.start(Duration.ofSeconds(60));
        awaitTrue(() -> titles(toBob).size() == count, Duration.ofSeconds(60), "all " + count + " delivered");
        awaitTrue(() -> queued() == 0, "the queue empty (every message acked)");
    }

    private static Set<String> titles(List<Map<?, ?>> seen) {
        Map<String, String> idOfTitle = new HashMap<>();
        for (Map<?, ?> n : List.copyOf(seen)) {
            String title = (String) n.get("title");
            String previous = idOfTitle.putIfAbsent(title, (String) n.get("id"));
            assertThat(previous == null || previous.equals(n.get("id"))).as("one id for " + title).isTrue();
        }
        return new HashSet<>(idOfTitle.keySet());
    }

    private static List<String> unreadTitles(Device device) {
        try {
            io.vertx.core.json.JsonArray items = api.unread(device);
            List<String> titles = new java.util.ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                titles.add(items.getJsonObject(i).getString("title"));
            }
            return titles;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int unreadCount(Device device) {
        try {
            return api.unread(device).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long queued() {
        try {
            return channel.messageCount(stack.rabbit.prefix() + "natter.notifier");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void publish(String key, JsonObject body, String messageId) throws Exception {
        publishRaw(key, body.encode().getBytes(StandardCharsets.UTF_8), messageId);
    }

    private static void publishRaw(String key, byte[] body, String messageId) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json")
                .deliveryMode(2).messageId(messageId).build();
        channel.basicPublish(stack.rabbit.prefix() + "natter.notifications", key, true, props, body);
        channel.waitForConfirmsOrDie(10_000);
    }

    /** Joins, trying again while the authenticator has not rejoined the restarted router. */
    private WampClient joinWhenPossible(Device device) throws Exception {
        return sessions.joinWhenPossible(device, Duration.ofSeconds(30));
    }

    private WampClient join(Device device) throws Exception {
        return sessions.join(device);
    }

    /**
     * The notifications {@code device}'s user gets from now on, but for app-api's own "added you to a
     * thread" ones (data.kind {@code thread.member_added}, asserted in {@link #aThreadNotificationReachesEachMember}):
     * these tests are about what other systems send.
     */
    private static List<Map<?, ?>> notifications(WampClient client, Device device) throws Exception {
        List<Map<?, ?>> seen = new CopyOnWriteArrayList<>();
        await(client.subscribe("natter.notify." + device.name(), (EventDetails e) -> {
            if (!e.args().isEmpty() && e.args().get(0) instanceof Map<?, ?> payload && !memberAdded(payload)) {
                seen.add(payload);
            }
        }));
        return seen;
    }

    private static boolean memberAdded(Map<?, ?> payload) {
        return payload.get("data") instanceof Map<?, ?> data && "thread.member_added".equals(data.get("kind"));
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
