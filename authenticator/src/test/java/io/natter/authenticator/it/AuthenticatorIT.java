package io.natter.authenticator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natter.authenticator.it.AppApiHttp.Device;
import io.natter.wamp.WampErrors;
import io.natter.wamp.auth.Secret;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.ReconnectPolicy;
import io.natter.wamp.client.Subscription;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.client.WampException;
import io.natter.wamp.serialization.Serializers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The authenticator between the real router and the real app-api (processes, see {@link Stack}),
 * driven by users joining with the {@code wamp} client as a browser would: WAMP-CRA with the
 * token from signup or login and its id in {@code authextra.token_id}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AuthenticatorIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Stack stack;
    private AppApiHttp api;
    private Vertx vertx;
    private final List<WampClient> clients = new ArrayList<>();

    @BeforeAll
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void startStack() throws Exception {
        stack = new Stack();
        try {
            stack.start();
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
        api = new AppApiHttp(stack.appUrl());
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeClients() throws Exception {
        for (WampClient client : clients) {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        clients.clear();
    }

    @AfterAll
    void stopStack() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void membersChatOnTheirThreadWithThePublisherDisclosed() throws Exception {
        Device alice = api.signUp(name("alice"));
        Device bob = api.signUp(name("bob"));
        String thread = api.openThread(alice, "Team chat");
        String topic = "natter.thread." + thread;
        // The owner subscribes at once, as a browser does, before the grant's event goes out.
        WampClient aliceClient = join(alice);
        List<EventDetails> aliceReceived = new CopyOnWriteArrayList<>();
        Subscription aliceSubscription = await(aliceClient.subscribe(topic, Map.of(), aliceReceived::add));
        api.addMember(alice, thread, bob.name());
        WampClient bobClient = join(bob);
        List<EventDetails> bobReceived = new CopyOnWriteArrayList<>();
        await(bobClient.subscribe(topic, Map.of(), bobReceived::add));
        await(bobClient.subscribe("natter.presence." + thread, Map.of(), e -> { }));
        // The membership.granted events (the outbox relays every second) must not end these subscriptions.
        Thread.sleep(2_500);
        assertThat(aliceSubscription.isActive()).isTrue();

        await(aliceClient.publish(topic, List.of("hello bob"), Map.of(), Map.of("acknowledge", true)));
        await(bobClient.publish(topic, List.of("hello alice"), Map.of(), Map.of("acknowledge", true)));

        awaitTrue(() -> !bobReceived.isEmpty() && !aliceReceived.isEmpty(), "each receives the other's message");
        assertThat(bobReceived.get(0).args()).containsExactly("hello bob");
        assertThat(bobReceived.get(0).publisherAuthid()).isEqualTo(alice.name());
        assertThat(aliceReceived.get(0).args()).containsExactly("hello alice");
        assertThat(aliceReceived.get(0).publisherAuthid()).isEqualTo(bob.name());
    }

    @Test
    void notificationsAreTheUsersOwnAndPatternsAreRefused() throws Exception {
        Device alice = api.signUp(name("alice"));
        Device bob = api.signUp(name("bob"));
        String thread = api.openThread(alice, "Patterns");
        WampClient client = join(alice);

        await(client.subscribe("natter.notify." + alice.name(), Map.of(), e -> { }));
        assertNotAuthorized(client.subscribe("natter.notify." + bob.name(), Map.of(), e -> { }));
        assertNotAuthorized(client.subscribe("natter.thread.", Map.of("match", "prefix"), e -> { }));
        assertNotAuthorized(client.subscribe("natter.thread." + thread, Map.of("match", "prefix"), e -> { }));
        assertNotAuthorized(client.subscribe("natter.thread..", Map.of("match", "wildcard"), e -> { }));
        assertNotAuthorized(client.publish("natter.presence." + thread, List.of("x"), Map.of(), Map.of("acknowledge", true)));
        assertNotAuthorized(client.register("natter.auth", Map.of(), inv -> Future.succeededFuture()));
    }

    @Test
    void aNonMemberIsRefusedSubscribeAndPublish() throws Exception {
        Device alice = api.signUp(name("alice"));
        Device carol = api.signUp(name("carol"));
        String thread = api.openThread(alice, "Private");

        WampClient client = join(carol);
        assertNotAuthorized(client.subscribe("natter.thread." + thread, Map.of(), e -> { }));
        assertNotAuthorized(client.publish("natter.thread." + thread, List.of("let me in"), Map.of(), Map.of("acknowledge", true)));
        assertNotAuthorized(client.subscribe("natter.presence." + thread, Map.of(), e -> { }));
    }

    @Test
    void aWrongTokenAndAnUnknownUserFailAlike() throws Exception {
        Device alice = api.signUp(name("alice"));
        String badToken = alice.name() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        WampException wrongToken = refusedJoin(new Device(alice.name(), badToken, alice.tokenId()));
        WampException unknownUser = refusedJoin(new Device(name("nobody"), alice.token(), alice.tokenId()));
        WampException unknownTokenId = refusedJoin(new Device(alice.name(), alice.token(), "AAAAAAAAAAAAAAAAAAAAAA"));
        WampException noTokenId = refusedJoin(new Device(alice.name(), alice.token(), null));

        for (WampException e : List.of(wrongToken, unknownUser, unknownTokenId, noTokenId)) {
            assertThat(e.error()).isEqualTo(WampErrors.NOT_AUTHORIZED);
            assertThat(e.getMessage()).isEqualTo(wrongToken.getMessage());
        }
        join(alice);
    }

    @Test
    void aRemovedMemberStopsReceivingAtOnceAndARegrantedOneMaySubscribeAgain() throws Exception {
        Device alice = api.signUp(name("alice"));
        Device bob = api.signUp(name("bob"));
        String thread = api.openThread(alice, "Revocation");
        String topic = "natter.thread." + thread;
        api.addMember(alice, thread, bob.name());
        WampClient aliceClient = join(alice);
        WampClient bobClient = join(bob);
        List<Object> received = new CopyOnWriteArrayList<>();
        Subscription subscription = await(bobClient.subscribe(topic, Map.of(), e -> received.add(e.args().get(0))));
        await(aliceClient.publish(topic, List.of("before"), Map.of(), Map.of("acknowledge", true)));
        awaitTrue(() -> received.contains("before"), "bob receives while a member");

        api.removeMember(alice, thread, bob.name());
        awaitTrue(() -> !subscription.isActive(), "the router ends bob's subscription");
        await(aliceClient.publish(topic, List.of("after"), Map.of(), Map.of("acknowledge", true)));
        Thread.sleep(500);
        assertThat(received).containsExactly("before");
        assertNotAuthorized(bobClient.subscribe(topic, Map.of(), e -> { }));
        assertNotAuthorized(bobClient.publish(topic, List.of("still here?"), Map.of(), Map.of("acknowledge", true)));

        api.addMember(alice, thread, bob.name());
        awaitTrue(() -> succeeds(bobClient.subscribe(topic, Map.of(), e -> received.add(e.args().get(0)))),
                "bob may subscribe again once re-added (no denial stays cached)");
        await(aliceClient.publish(topic, List.of("welcome back"), Map.of(), Map.of("acknowledge", true)));
        awaitTrue(() -> received.contains("welcome back"), "bob receives again");
    }

    @Test
    void logoutEndsThatDevicesSessionOnly() throws Exception {
        Device laptop = api.signUp(name("alice"));
        Device phone = api.logIn(laptop.name());
        assertThat(phone.tokenId()).isNotEqualTo(laptop.tokenId());
        String thread = api.openThread(laptop, "Devices");

        WampClient laptopClient = join(laptop);
        WampClient phoneClient = join(phone);
        List<String> laptopLeft = new CopyOnWriteArrayList<>();
        laptopClient.onLeave(laptopLeft::add);
        List<Object> phoneReceived = new CopyOnWriteArrayList<>();
        Subscription phoneSubscription = await(phoneClient.subscribe("natter.thread." + thread, Map.of(), e -> phoneReceived.add(e.args().get(0))));

        api.logOut(laptop);
        awaitTrue(() -> !laptopClient.isJoined(), "the laptop's session ends");
        assertThat(laptopLeft).containsExactly("natter.close.token_revoked");
        assertThat(phoneClient.isJoined()).isTrue();
        WampClient again = join(phone);
        await(again.publish("natter.thread." + thread, List.of("from my phone"), Map.of(), Map.of("acknowledge", true)));
        awaitTrue(() -> phoneReceived.contains("from my phone"), "the phone still chats " + phoneClient.isJoined() + " " + phoneSubscription + " " + phoneReceived);
        assertThat(refusedJoin(laptop).error()).isEqualTo(WampErrors.NOT_AUTHORIZED);
    }

    @Test
    void noSessionOutlivesItsTokenEvenOneJoinedBeforeTheLogoutsEventArrived() throws Exception {
        Device laptop = api.signUp(name("alice"));
        join(laptop); // natter.auth's answer for this token is now cached in the authenticator

        api.logOut(laptop);
        // The event takes up to a second (app-api's outbox); a join meanwhile may get in.
        WampClient late = client(laptop);
        boolean joined = succeeds(late.connect());

        awaitTrue(() -> !late.isJoined(), Duration.ofSeconds(15), "no session with the revoked token stays (joined: " + joined + ")");
        assertThat(refusedJoin(laptop).error()).isEqualTo(WampErrors.NOT_AUTHORIZED);
    }

    @Test
    void appApiFrozenRefusesTheJoinClearlyAndItWorksAgainOnceItIsBack() throws Exception {
        Device dave = api.signUp(name("dave"));
        Device erin = api.signUp(name("erin"));
        String thread = api.openThread(erin, "Frozen");
        WampClient erinClient = join(erin);

        stack.appApi.freeze();
        try {
            long start = System.nanoTime();
            WampException refused = refusedJoin(dave);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(refused.error()).isEqualTo(WampErrors.AUTHENTICATION_FAILED);
            assertThat(millis).as("refused by the authenticator's own timeout, before the router's 5 s").isLessThan(4_500);
            assertFails(erinClient.subscribe("natter.thread." + thread, Map.of(), e -> { }), WampErrors.AUTHORIZATION_FAILED);
        } finally {
            stack.appApi.thaw();
        }

        WampClient daveClient = awaitJoin(dave);
        assertThat(daveClient.isJoined()).isTrue();
        await(erinClient.subscribe("natter.thread." + thread, Map.of(), e -> { }));
    }

    @Test
    void aRestartedAuthenticatorServesJoinsAgainWithoutTouchingTheRouter() throws Exception {
        Device frank = api.signUp(name("frank"));
        stack.authenticator.kill();
        assertThat(refusedJoin(frank).error()).isEqualTo(WampErrors.AUTHENTICATION_FAILED);

        stack.authenticator.start(Duration.ofSeconds(60));
        WampClient client = awaitJoin(frank);
        await(client.subscribe("natter.notify." + frank.name(), Map.of(), e -> { }));
    }

    @Test
    void anEventWaitsForTheRouterWithoutAHotLoopAndIsAppliedOnceItIsBack() throws Exception {
        Device alice = api.signUp(name("alice"));
        Device bob = api.signUp(name("bob"));
        String thread = api.openThread(alice, "Router away");
        api.addMember(alice, thread, bob.name());
        String done = "natter_authenticator_events_total{outcome=\"done\",type=\"membership.revoked\"}";
        String retried = "natter_authenticator_events_total{outcome=\"retried\",type=\"membership.revoked\"}";
        double doneBefore = metric(done);
        double retriedBefore = metric(retried);

        stack.router.kill();
        try {
            api.removeMember(alice, thread, bob.name());
            awaitTrue(() -> metric(retried) > retriedBefore, "the event is handed back while the router is away");
            Thread.sleep(4_000);
            // Pauses of 1, 2, 4 s: at most four attempts in these five seconds, not thousands.
            assertThat(metric(retried) - retriedBefore).isBetween(1.0, 4.0);
            assertThat(metric(done)).isEqualTo(doneBefore);
        } finally {
            stack.router.start(Duration.ofSeconds(60));
        }
        awaitTrue(() -> metric(done) > doneBefore, Duration.ofSeconds(40), "the event is applied once the router is back");
        awaitJoin(bob);
    }

    // ------------------------------------------------------------------ helpers

    private static String name(String base) {
        return base + "-" + Stack.hex(3);
    }

    private WampClient client(Device device) {
        WampClient.Builder builder = WampClient.builder(vertx, stack.routerUrl()).realm("natter")
                .wampcra(device.name(), Secret.of(device.token()))
                .serializer(Stack.SERIALIZER.equals("msgpack") ? Serializers.MSGPACK : Serializers.JSON)
                .reconnect(ReconnectPolicy.none());
        if (device.tokenId() != null) {
            builder.authExtra(Map.of("token_id", device.tokenId()));
        }
        WampClient client = builder.build();
        clients.add(client);
        return client;
    }

    private WampClient join(Device device) throws Exception {
        WampClient client = client(device);
        await(client.connect());
        return client;
    }

    /** Joins, retrying while the stack recovers. */
    private WampClient awaitJoin(Device device) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return join(device);
            } catch (WampException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    private WampException refusedJoin(Device device) throws Exception {
        WampClient client = client(device);
        try {
            await(client.connect());
        } catch (WampException e) {
            return e;
        }
        throw new AssertionError(device + " joined but should have been refused");
    }

    private static void assertNotAuthorized(Future<?> future) {
        assertFails(future, WampErrors.NOT_AUTHORIZED);
    }

    private static void assertFails(Future<?> future, String error) {
        assertThatThrownBy(() -> await(future)).isInstanceOfSatisfying(WampException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    private static boolean succeeds(Future<?> future) {
        try {
            await(future);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        awaitTrue(condition, WAIT, what);
    }

    private static void awaitTrue(BooleanSupplier condition, Duration wait, String what) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + wait.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** A counter of the authenticator's {@code /q/metrics} (0 when absent). */
    private double metric(String series) {
        String text = stack.authenticator.get("/q/metrics");
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }
}
