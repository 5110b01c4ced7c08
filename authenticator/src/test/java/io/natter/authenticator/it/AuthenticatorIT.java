package io.natter.authenticator.it;

import static io.natter.authenticator.it.Sessions.await;
import static io.natter.authenticator.it.Sessions.awaitTrue;
import static io.natter.authenticator.it.Sessions.succeeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natter.testsupport.AppApiHttp.Device;
import io.natter.testsupport.AppApiHttp;
import io.natter.testsupport.WampSessions;
import io.natter.wamp.WampErrors;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.Subscription;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.client.WampException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The authenticator between the real router and the real app-api (processes, see {@link Stack}),
 * driven by users joining with the {@code wamp} client as a browser would ({@link Sessions}):
 * WAMP-CRA with the token from signup or login and its id in {@code authextra.token_id}. Most
 * tests start from a {@link Chat}: a thread, its owner and members.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AuthenticatorIT {

    private Stack stack;
    private AppApiHttp api;
    private Vertx vertx;
    private WampSessions sessions;

    @BeforeAll
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void startStack() {
        stack = Stack.start();
        api = new AppApiHttp(stack.appUrl());
        vertx = Vertx.vertx();
        sessions = Sessions.of(vertx, stack.routerUrl());
    }

    @AfterEach
    void closeClients() throws Exception {
        sessions.closeAll();
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
        Chat chat = chat("Team chat", "alice");
        Device bob = chat.signUp("bob");
        // The owner subscribes at once, as a browser does, before the grant's event goes out.
        WampClient alice = chat.join("alice");
        List<EventDetails> aliceReceived = new CopyOnWriteArrayList<>();
        Subscription aliceSubscription = chat.subscribe(alice, aliceReceived::add);
        chat.add("bob");
        WampClient bobClient = chat.join("bob");
        List<EventDetails> bobReceived = new CopyOnWriteArrayList<>();
        chat.subscribe(bobClient, bobReceived::add);
        await(bobClient.subscribe(chat.presence(), Map.of(), e -> { }));
        // The membership.granted events (the outbox relays every second) must not end these subscriptions.
        Thread.sleep(2_500);
        assertThat(aliceSubscription.isActive()).isTrue();

        chat.publish(alice, "hello bob");
        chat.publish(bobClient, "hello alice");

        awaitTrue(() -> !bobReceived.isEmpty() && !aliceReceived.isEmpty(), "each receives the other's message");
        assertThat(bobReceived.get(0).args()).containsExactly("hello bob");
        assertThat(bobReceived.get(0).publisherAuthid()).isEqualTo(chat.device("alice").name());
        assertThat(aliceReceived.get(0).args()).containsExactly("hello alice");
        assertThat(aliceReceived.get(0).publisherAuthid()).isEqualTo(bob.name());
    }

    @Test
    void notificationsAreTheUsersOwnAndPatternsAreRefused() throws Exception {
        Chat chat = chat("Patterns", "alice");
        Device bob = chat.signUp("bob");
        WampClient client = chat.join("alice");

        await(client.subscribe("natter.notify." + chat.device("alice").name(), Map.of(), e -> { }));
        assertNotAuthorized(client.subscribe("natter.notify." + bob.name(), Map.of(), e -> { }));
        assertNotAuthorized(client.subscribe("natter.thread.", Map.of("match", "prefix"), e -> { }));
        assertNotAuthorized(client.subscribe(chat.topic(), Map.of("match", "prefix"), e -> { }));
        assertNotAuthorized(client.subscribe("natter.thread..", Map.of("match", "wildcard"), e -> { }));
        assertNotAuthorized(client.publish(chat.presence(), List.of("x"), Map.of(), Map.of("acknowledge", true)));
        assertNotAuthorized(client.register("natter.auth", Map.of(), inv -> Future.succeededFuture()));
    }

    @Test
    void aNonMemberIsRefusedSubscribeAndPublish() throws Exception {
        Chat chat = chat("Private", "alice");
        chat.signUp("carol");

        WampClient carol = chat.join("carol");
        assertNotAuthorized(carol.subscribe(chat.topic(), Map.of(), e -> { }));
        assertNotAuthorized(carol.publish(chat.topic(), List.of("let me in"), Map.of(), Map.of("acknowledge", true)));
        assertNotAuthorized(carol.subscribe(chat.presence(), Map.of(), e -> { }));
    }

    @Test
    void aWrongTokenAndAnUnknownUserFailAlike() throws Exception {
        Device alice = api.signUp(Chat.uniqueName("alice"));
        String badToken = alice.name() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        WampException wrongToken = sessions.refusedJoin(new Device(alice.name(), badToken, alice.tokenId()));
        WampException unknownUser = sessions.refusedJoin(new Device(Chat.uniqueName("nobody"), alice.token(), alice.tokenId()));
        WampException unknownTokenId = sessions.refusedJoin(new Device(alice.name(), alice.token(), "AAAAAAAAAAAAAAAAAAAAAA"));
        WampException noTokenId = sessions.refusedJoin(new Device(alice.name(), alice.token(), null));

        for (WampException e : List.of(wrongToken, unknownUser, unknownTokenId, noTokenId)) {
            assertThat(e.error()).isEqualTo(WampErrors.NOT_AUTHORIZED);
            assertThat(e.getMessage()).isEqualTo(wrongToken.getMessage());
        }
        sessions.join(alice);
    }

    @Test
    void aRemovedMemberStopsReceivingAtOnceAndARegrantedOneMaySubscribeAgain() throws Exception {
        Chat chat = chat("Revocation", "alice", "bob");
        WampClient alice = chat.join("alice");
        WampClient bob = chat.join("bob");
        List<Object> received = new CopyOnWriteArrayList<>();
        Subscription subscription = chat.subscribe(bob, e -> received.add(e.args().get(0)));
        chat.publish(alice, "before");
        awaitTrue(() -> received.contains("before"), "bob receives while a member");

        chat.remove("bob");
        awaitTrue(() -> !subscription.isActive(), "the router ends bob's subscription");
        chat.publish(alice, "after");
        Thread.sleep(500);
        assertThat(received).containsExactly("before");
        assertNotAuthorized(bob.subscribe(chat.topic(), Map.of(), e -> { }));
        assertNotAuthorized(bob.publish(chat.topic(), List.of("still here?"), Map.of(), Map.of("acknowledge", true)));

        chat.add("bob");
        awaitTrue(() -> succeeds(bob.subscribe(chat.topic(), Map.of(), e -> received.add(e.args().get(0)))),
                "bob may subscribe again once re-added (no denial stays cached)");
        chat.publish(alice, "welcome back");
        awaitTrue(() -> received.contains("welcome back"), "bob receives again");
    }

    @Test
    void logoutEndsThatDevicesSessionOnly() throws Exception {
        Chat chat = chat("Devices", "alice");
        Device laptop = chat.device("alice");
        Device phone = chat.logIn("alice");
        assertThat(phone.tokenId()).isNotEqualTo(laptop.tokenId());

        WampClient laptopClient = sessions.join(laptop);
        WampClient phoneClient = sessions.join(phone);
        List<String> laptopLeft = new CopyOnWriteArrayList<>();
        laptopClient.onLeave(laptopLeft::add);
        List<Object> phoneReceived = new CopyOnWriteArrayList<>();
        Subscription phoneSubscription = chat.subscribe(phoneClient, e -> phoneReceived.add(e.args().get(0)));

        api.logOut(laptop);
        awaitTrue(() -> !laptopClient.isJoined(), "the laptop's session ends");
        assertThat(laptopLeft).containsExactly("natter.close.token_revoked");
        assertThat(phoneClient.isJoined()).isTrue();
        WampClient again = sessions.join(phone);
        chat.publish(again, "from my phone");
        awaitTrue(() -> phoneReceived.contains("from my phone"), "the phone still chats " + phoneClient.isJoined() + " " + phoneSubscription + " " + phoneReceived);
        assertThat(sessions.refusedJoin(laptop).error()).isEqualTo(WampErrors.NOT_AUTHORIZED);
    }

    @Test
    void noSessionOutlivesItsTokenEvenOneJoinedBeforeTheLogoutsEventArrived() throws Exception {
        Device laptop = api.signUp(Chat.uniqueName("alice"));
        sessions.join(laptop); // natter.auth's answer for this token is now cached in the authenticator

        api.logOut(laptop);
        // The event takes up to a second (app-api's outbox); a join meanwhile may get in.
        WampClient late = sessions.client(laptop);
        boolean joined = succeeds(late.connect());

        awaitTrue(() -> !late.isJoined(), Duration.ofSeconds(15), "no session with the revoked token stays (joined: " + joined + ")");
        assertThat(sessions.refusedJoin(laptop).error()).isEqualTo(WampErrors.NOT_AUTHORIZED);
    }

    @Test
    void appApiFrozenRefusesTheJoinClearlyAndItWorksAgainOnceItIsBack() throws Exception {
        Chat chat = chat("Frozen", "erin");
        Device dave = chat.signUp("dave");
        WampClient erin = chat.join("erin");

        stack.appApi.freeze();
        try {
            long start = System.nanoTime();
            WampException refused = sessions.refusedJoin(dave);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(refused.error()).isEqualTo(WampErrors.AUTHENTICATION_FAILED);
            assertThat(millis).as("refused by the authenticator's own timeout, before the router's 5 s").isLessThan(4_500);
            assertFails(erin.subscribe(chat.topic(), Map.of(), e -> { }), WampErrors.AUTHORIZATION_FAILED);
        } finally {
            stack.appApi.thaw();
        }

        WampClient daveClient = sessions.joinWhenPossible(dave, Sessions.WAIT);
        assertThat(daveClient.isJoined()).isTrue();
        chat.subscribe(erin, e -> { });
    }

    @Test
    void aRestartedAuthenticatorServesJoinsAgainWithoutTouchingTheRouter() throws Exception {
        Device frank = api.signUp(Chat.uniqueName("frank"));
        stack.authenticator.kill();
        assertThat(sessions.refusedJoin(frank).error()).isEqualTo(WampErrors.AUTHENTICATION_FAILED);

        stack.authenticator.start(Duration.ofSeconds(60));
        WampClient client = sessions.joinWhenPossible(frank, Sessions.WAIT);
        await(client.subscribe("natter.notify." + frank.name(), Map.of(), e -> { }));
    }

    @Test
    void anEventWaitsForTheRouterWithoutAHotLoopAndIsAppliedOnceItIsBack() throws Exception {
        Chat chat = chat("Router away", "alice", "bob");
        String done = "natter_authenticator_events_total{outcome=\"done\",type=\"membership.revoked\"}";
        String retried = "natter_authenticator_events_total{outcome=\"retried\",type=\"membership.revoked\"}";
        double doneBefore = metric(done);
        double retriedBefore = metric(retried);

        stack.router.kill();
        try {
            chat.remove("bob");
            awaitTrue(() -> metric(retried) > retriedBefore, "the event is handed back while the router is away");
            Thread.sleep(4_000);
            // Pauses of 1, 2, 4 s: at most four attempts in these five seconds, not thousands.
            assertThat(metric(retried) - retriedBefore).isBetween(1.0, 4.0);
            assertThat(metric(done)).isEqualTo(doneBefore);
        } finally {
            stack.router.start(Duration.ofSeconds(60));
        }
        awaitTrue(() -> metric(done) > doneBefore, Duration.ofSeconds(40), "the event is applied once the router is back");
        sessions.joinWhenPossible(chat.device("bob"), Sessions.WAIT);
    }

    // ------------------------------------------------------------------ helpers

    private Chat chat(String title, String owner, String... members) throws Exception {
        return Chat.open(api, sessions, title, owner, members);
    }

    private static void assertNotAuthorized(Future<?> future) {
        assertFails(future, WampErrors.NOT_AUTHORIZED);
    }

    private static void assertFails(Future<?> future, String error) {
        assertThatThrownBy(() -> await(future)).isInstanceOfSatisfying(WampException.class, e -> assertThat(e.error()).isEqualTo(error));
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
