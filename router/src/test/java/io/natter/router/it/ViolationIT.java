package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.natter.wamp.WampErrors;
import io.natter.wamp.client.CallResult;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.client.WampException;
import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Goodbye;
import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Welcome;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * Peers that break the rules: protocol violations end only the offending session (ABORT
 * {@code wamp.error.protocol_violation}, socket closed, its subscriptions and registrations freed
 * with their meta events) while a healthy session in the same test carries on; invalid URIs are
 * refused with ERROR and the session lives on; unknown realms, oversized frames, the HELLO
 * deadline and slow consumers.
 *
 * <p>Runs with small limits ({@link Limits}) so that the deadline and the slow consumer are quick
 * to reach.
 */
@QuarkusTest
@TestProfile(ViolationIT.Limits.class)
class ViolationIT extends RouterIT {

    static final int MAX_MESSAGE_SIZE = 64 * 1024;
    static final int EVENT_PAYLOAD = 16 * 1024;

    /** Small message size, a short HELLO deadline and a small outbound queue. */
    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "natter.router.max-message-size", Integer.toString(MAX_MESSAGE_SIZE),
                    "natter.router.handshake-timeout", "2S",
                    "natter.router.outbound.max-queued-messages", "256",
                    "natter.router.outbound.max-queued-bytes", Integer.toString(16 * EVENT_PAYLOAD));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper MSGPACK = new ObjectMapper(new MessagePackFactory());

    /** What a violating established session sends. */
    enum Violation {
        SECOND_HELLO,
        UNKNOWN_MESSAGE_TYPE,
        MALFORMED_FRAME,
        STRING_REQUEST_ID,
        OPTIONS_NOT_A_DICT,
        OPTION_OF_WRONG_TYPE,
        ZERO_REQUEST_ID,
        PENDING_CALL_REQUEST_ID,
        CLIENT_SENDS_EVENT,
        CLIENT_SENDS_INVOCATION,
        CLIENT_SENDS_WELCOME,
        CLIENT_SENDS_ERROR_FOR_A_SUBSCRIBE,
        WRONG_FRAME_KIND;

        /** Sends the violation on {@code peer}, which has used request IDs 1 and 2. */
        void send(RawPeer peer, Wire wire) throws Exception {
            switch (this) {
                case SECOND_HELLO -> peer.send(new Hello(REALM, Map.of("roles", RawPeer.ROLES)));
                case UNKNOWN_MESSAGE_TYPE -> peer.sendFrame(frame(wire, 999, 3, Map.of()));
                case MALFORMED_FRAME -> peer.sendFrame(wire == Wire.JSON
                        ? "[32, 3, {}, \"it.violation\"".getBytes(StandardCharsets.UTF_8)
                        : new byte[] {(byte) 0x94, 0x20, 0x03});
                case STRING_REQUEST_ID -> peer.sendFrame(frame(wire, 32, "three", Map.of(), "it.violation.x"));
                case OPTIONS_NOT_A_DICT -> peer.sendFrame(frame(wire, 32, 3, List.of(), "it.violation.x"));
                case OPTION_OF_WRONG_TYPE -> peer.send(new Publish(3, Map.of("acknowledge", "yes"), "it.violation.x", List.of(), Map.of()));
                case ZERO_REQUEST_ID -> peer.send(new Subscribe(0, Map.of(), "it.violation.x"));
                case PENDING_CALL_REQUEST_ID -> {
                    peer.send(new Call(77, Map.of(), "it.violation.own", List.of(), Map.of()));
                    peer.expect(Invocation.class);
                    peer.send(new Call(77, Map.of(), "it.violation.own", List.of(), Map.of()));
                }
                case CLIENT_SENDS_EVENT -> peer.send(new Event(1, 1, Map.of(), List.of("forged"), Map.of()));
                case CLIENT_SENDS_INVOCATION -> peer.send(new Invocation(1, 1, Map.of(), List.of(), Map.of()));
                case CLIENT_SENDS_WELCOME -> peer.send(new Welcome(1, Map.of()));
                case CLIENT_SENDS_ERROR_FOR_A_SUBSCRIBE -> peer.send(new io.natter.wamp.message.Error(Subscribe.CODE, 1, Map.of(),
                        "it.error.forged", List.of(), Map.of()));
                case WRONG_FRAME_KIND -> {
                    byte[] subscribe = peer.serializer().encode(new Subscribe(3, Map.of(), "it.violation.x"));
                    if (wire == Wire.JSON) {
                        peer.sendBinary(subscribe);
                    } else {
                        peer.sendText(new String(JSON.writeValueAsBytes(List.of(32, 3, Map.of(), "it.violation.x")), StandardCharsets.UTF_8));
                    }
                }
                default -> throw new IllegalStateException(name());
            }
        }
    }

    static Stream<Arguments> violations() {
        return Arrays.stream(Wire.values()).flatMap(wire -> Arrays.stream(Violation.values()).map(v -> Arguments.of(wire, v)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("violations")
    void aViolationAbortsOnlyTheOffendingSession(Wire wire, Violation violation) throws Exception {
        WampClient witness = connect(wire);
        Inbox<Seen> meta = watch(witness, "wamp.subscription.on_delete", "wamp.registration.on_delete", "wamp.session.on_leave");
        Inbox<EventDetails> events = new Inbox<>();
        await(witness.subscribe("it.violation.shared", events));
        RawPeer peer = raw(wire);
        long session = peer.join(REALM).session();
        peer.send(new Subscribe(1, Map.of(), "it.violation.own"));
        long subscription = peer.expect(Subscribed.class).subscription();
        peer.send(new Register(2, Map.of(), "it.violation.own"));
        long registration = peer.expect(Registered.class).registration();

        violation.send(peer, wire);

        Abort abort = peer.expect(Abort.class);
        assertThat(abort.reason()).isEqualTo(WampErrors.PROTOCOL_VIOLATION);
        assertThat(abort.details().get("message")).isInstanceOf(String.class);
        assertThat(peer.awaitClose().code()).isEqualTo((short) 1002);
        List<Seen> seen = untilLeave(meta);
        assertThat(seen).containsExactly(
                new Seen("wamp.subscription.on_delete", List.of(session, subscription), Map.of()).normalized(),
                new Seen("wamp.registration.on_delete", List.of(session, registration), Map.of()).normalized(),
                seen.get(2));
        assertThat(id(seen.get(2).args().get(0))).isEqualTo(session);
        assertThat(registry.stats(REALM).sessions()).isEqualTo(1);
        assertThat(registry.stats(REALM).registrations()).isZero();
        await(witness.publish("it.violation.shared", List.of("still here"), Map.of(), Map.of("exclude_me", false, "acknowledge", true)));
        assertThat(events.next().args()).containsExactly("still here");
    }

    @BothWires
    void aMessageBeforeHelloIsAViolation(Wire wire) throws Exception {
        WampClient witness = connect(wire);
        RawPeer peer = raw(wire);

        peer.send(new Subscribe(1, Map.of(), "it.violation.early"));

        assertThat(peer.expect(Abort.class).reason()).isEqualTo(WampErrors.PROTOCOL_VIOLATION);
        assertThat(peer.awaitClose().code()).isEqualTo((short) 1002);
        assertThat(await(witness.call("wamp.session.count", List.of())).args()).containsExactly(1);
    }

    @BothWires
    void anUndecodableHelloIsAViolation(Wire wire) throws Exception {
        RawPeer peer = raw(wire);

        peer.sendFrame(frame(wire, 1, 42, Map.of()));

        assertThat(peer.expect(Abort.class).reason()).isEqualTo(WampErrors.PROTOCOL_VIOLATION);
        assertThat(peer.awaitClose().code()).isEqualTo((short) 1002);
    }

    @BothWires
    void invalidUrisAreRefusedAndTheSessionLivesOn(Wire wire) throws Exception {
        WampClient client = connect(wire);
        Inbox<EventDetails> events = new Inbox<>();

        assertThat(awaitError(client.subscribe("it..bad", events)).error()).isEqualTo(WampErrors.INVALID_URI);
        assertThat(awaitError(client.subscribe("it.bad.", events)).error()).isEqualTo(WampErrors.INVALID_URI);
        assertThat(awaitError(client.register("it..bad", Map.of(), ctx -> Future.succeededFuture(CallResult.empty()))).error())
                .isEqualTo(WampErrors.INVALID_URI);
        assertThat(awaitError(client.register("wamp.x", Map.of(), ctx -> Future.succeededFuture(CallResult.empty()))).error())
                .isEqualTo(WampErrors.INVALID_URI);
        assertThat(awaitError(client.publish("wamp.x", List.of(), Map.of(), Map.of("acknowledge", true))).error())
                .isEqualTo(WampErrors.INVALID_URI);
        assertThat(awaitError(client.register("natter.router.revoke", Map.of(), ctx -> Future.succeededFuture(CallResult.empty()))).error())
                .as("the router's own procedures are reserved").isEqualTo(WampErrors.INVALID_URI);
        assertThat(awaitError(client.publish("it..bad", List.of(), Map.of(), Map.of("acknowledge", true))).error())
                .isEqualTo(WampErrors.INVALID_URI);
        assertThat(awaitError(client.call("it..bad", List.of())).error()).isEqualTo(WampErrors.INVALID_URI);

        await(client.subscribe("it..good", Map.of("match", "wildcard"), events));
        await(client.publish("it.x.good", List.of("alive"), Map.of(), Map.of("exclude_me", false, "acknowledge", true)));
        assertThat(events.next().args()).containsExactly("alive");
        assertThat(client.isJoined()).isTrue();
    }

    @BothWires
    void anUnacknowledgedPublishToAnInvalidUriIsDroppedSilently(Wire wire) throws Exception {
        RawPeer peer = raw(wire);
        peer.join(REALM);

        peer.send(new Publish(1, Map.of(), "wamp.x", List.of(), Map.of()));
        peer.send(new Publish(2, Map.of(), "it..bad", List.of(), Map.of()));
        peer.send(new Publish(3, Map.of("acknowledge", true), "it.violation.ok", List.of(), Map.of()));

        io.natter.wamp.message.Published published = peer.expect(io.natter.wamp.message.Published.class);
        assertThat(published.request()).as("no ERROR for publications without acknowledge").isEqualTo(3);
    }

    @BothWires
    void invalidUriErrorsOnTheWire(Wire wire) throws Exception {
        RawPeer peer = raw(wire);
        peer.join(REALM);

        peer.send(new Subscribe(1, Map.of(), "a..b"));
        io.natter.wamp.message.Error subscribe = peer.expect(io.natter.wamp.message.Error.class);
        peer.send(new Register(2, Map.of(), "wamp.x"));
        io.natter.wamp.message.Error register = peer.expect(io.natter.wamp.message.Error.class);
        peer.send(new Publish(3, Map.of("acknowledge", true), "wamp.x", List.of(), Map.of()));
        io.natter.wamp.message.Error publish = peer.expect(io.natter.wamp.message.Error.class);

        assertThat(List.of(subscribe.requestType(), register.requestType(), publish.requestType()))
                .containsExactly(Subscribe.CODE, Register.CODE, Publish.CODE);
        assertThat(List.of(subscribe.request(), register.request(), publish.request())).containsExactly(1L, 2L, 3L);
        assertThat(List.of(subscribe.error(), register.error(), publish.error())).containsOnly(WampErrors.INVALID_URI);
        peer.send(new Subscribe(4, Map.of(), "a.b"));
        assertThat(peer.expect(Subscribed.class).request()).isEqualTo(4);
    }

    @BothWires
    void peersThatVanishMidRequestLeaveNothingBehind(Wire wire) throws Exception {
        WampClient witness = connect(wire);
        List<RawPeer> vanishing = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RawPeer peer = raw(wire);
            peer.join(REALM);
            vanishing.add(peer);
        }

        for (RawPeer peer : vanishing) {
            peer.send(new Subscribe(1, Map.of(), "it.violation.vanish"));
            peer.send(new Register(2, Map.of("invoke", "roundrobin"), "it.violation.vanish"));
            peer.send(new io.natter.wamp.message.Call(3, Map.of(), "it.violation.vanish", List.of(), Map.of()));
            peer.close();
        }

        for (RawPeer peer : vanishing) {
            peer.awaitClose();
        }
        assertRealmEmptyBut(witness);
        assertThat(awaitError(witness.call("it.violation.vanish", List.of())).error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
    }

    @BothWires
    void aHandshakeWithoutAWampSubprotocolIsRejected(Wire wire) throws Exception {
        io.vertx.core.http.WebSocketClient client = vertx.createWebSocketClient();
        try {
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> client.connect(
                    new io.vertx.core.http.WebSocketConnectOptions().setHost("127.0.0.1").setPort(port()).setURI("/ws")
                            .setSubProtocols(List.of("wamp.2.cbor")))
                    .toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertThat(failure).isNotNull();
            assertThat(failure.getCause()).isInstanceOf(io.vertx.core.http.UpgradeRejectedException.class);
            assertThat(((io.vertx.core.http.UpgradeRejectedException) failure.getCause()).getStatus()).isEqualTo(400);
        } finally {
            client.close();
        }
    }

    @BothWires
    void anUnknownRealmIsRefused(Wire wire) throws Exception {
        WampClient client = WampClient.builder(vertx, "ws://127.0.0.1:" + port() + "/ws").realm("it.no_such_realm")
                .serializer(wire.serializer()).reconnect(io.natter.wamp.client.ReconnectPolicy.none()).build();
        RawPeer peer = raw(wire);

        WampException refused = awaitError(client.connect());
        peer.send(new Hello("it.no_such_realm", Map.of("roles", RawPeer.ROLES)));

        assertThat(refused.error()).isEqualTo(WampErrors.NO_SUCH_REALM);
        assertThat(peer.expect(Abort.class).reason()).isEqualTo(WampErrors.NO_SUCH_REALM);
        peer.awaitClose();
        await(client.close());
    }

    @BothWires
    void anOversizedFrameClosesWith1009(Wire wire) throws Exception {
        WampClient witness = connect(wire);
        Inbox<Seen> meta = watch(witness, "wamp.session.on_leave");
        RawPeer peer = raw(wire);
        long session = peer.join(REALM).session();

        peer.send(new Publish(1, Map.of(), "it.violation.big", List.of("x".repeat(MAX_MESSAGE_SIZE + 1024)), Map.of()));

        assertThat(peer.awaitClose().code()).isEqualTo((short) 1009);
        assertThat(id(untilLeave(meta).get(0).args().get(0))).isEqualTo(session);
        assertThat(witness.isJoined()).isTrue();
    }

    @BothWires
    void aMessageJustUnderTheLimitPasses(Wire wire) throws Exception {
        WampClient subscriber = connect(wire);
        Inbox<EventDetails> events = new Inbox<>();
        await(subscriber.subscribe("it.violation.fits", events));
        RawPeer peer = raw(wire);
        peer.join(REALM);

        String payload = "y".repeat(MAX_MESSAGE_SIZE - 1024);
        peer.send(new Publish(1, Map.of("acknowledge", true), "it.violation.fits", List.of(payload), Map.of()));

        assertThat(peer.expect(io.natter.wamp.message.Published.class).request()).isEqualTo(1);
        assertThat(events.next().args()).containsExactly(payload);
    }

    @BothWires
    void noHelloWithinTheDeadlineClosesTheSocket(Wire wire) throws Exception {
        RawPeer peer = raw(wire);
        long opened = System.nanoTime();

        RawPeer.Closed closed = peer.awaitClose();

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
        assertThat(closed.code()).isEqualTo((short) 1008);
        assertThat(waited).as("closed after the 2 s deadline, not before").isBetween(1500L, 8000L);
    }

    @BothWires
    void aSlowConsumerIsDisconnectedAndOthersCarryOn(Wire wire) throws Exception {
        WampClient witness = connect(wire);
        WampClient publisher = connect(wire);
        WampClient healthy = connect(wire);
        Inbox<EventDetails> healthyEvents = new Inbox<>();
        await(healthy.subscribe("it.violation.flood", healthyEvents));
        RawPeer slow = raw(wire);
        long slowSession = slow.join(REALM).session();
        slow.send(new Subscribe(1, Map.of(), "it.violation.flood"));
        slow.expect(Subscribed.class);
        CompletableFuture<List<Object>> slowLeft = new CompletableFuture<>();
        await(witness.subscribe("wamp.session.on_leave", e -> {
            if (id(e.args().get(0)) == slowSession) {
                slowLeft.complete(e.args());
            }
        }));

        slow.pause();
        String payload = "z".repeat(EVENT_PAYLOAD);
        // Paced on the healthy subscriber: at most IN_FLIGHT events are ever queued for it, so only
        // the paused peer can reach the outbound limit, however slowly this machine runs.
        int inFlight = 4;
        int published = 0;
        int received = 0;
        List<Future<Long>> acks = new ArrayList<>();
        while (!slowLeft.isDone() && published < 4000) {
            acks.add(publisher.publish("it.violation.flood", List.of(published, payload), Map.of(), Map.of("acknowledge", true)));
            published++;
            if (published - received > inFlight) {
                assertThat(healthyEvents.next().args().get(0)).isEqualTo(received);
                received++;
            }
        }
        while (received < published) {
            assertThat(healthyEvents.next().args().get(0)).isEqualTo(received);
            received++;
        }
        for (Future<Long> ack : acks) {
            assertThat(await(ack)).isPositive();
        }

        assertThat(slowLeft.get(WAIT_SECONDS, TimeUnit.SECONDS)).hasSize(3);
        assertThat(publisher.isJoined()).isTrue();
        assertThat(healthy.isJoined()).isTrue();
        slow.resume();
        List<Message> delivered = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while ((!slow.isClosed() || slow.hasPending()) && System.nanoTime() < deadline) {
            Message message = slow.poll();
            if (message != null) {
                delivered.add(message);
            }
        }
        RawPeer.Closed closed = slow.awaitClose();
        assertThat(closed.code()).isEqualTo((short) 1008);
        assertThat(closed.reason()).isEqualTo(WampErrors.SLOW_CONSUMER);
        List<Object> indices = delivered.stream().filter(Event.class::isInstance).map(m -> ((Event) m).args().get(0)).toList();
        assertThat(indices).as("a prefix of the publications, in order, and not all of them")
                .isEqualTo(java.util.stream.IntStream.range(0, indices.size()).boxed().toList());
        assertThat(indices.size()).isLessThan(published);
        if (!delivered.isEmpty() && delivered.get(delivered.size() - 1) instanceof Goodbye goodbye) {
            assertThat(goodbye.reason()).isEqualTo(WampErrors.SLOW_CONSUMER);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Waits (bounded) until the realm holds only {@code survivor}'s session, with nothing registered or in flight. */
    private void assertRealmEmptyBut(WampClient survivor) {
        Awaitility.await("the realm down to the survivor").atMost(Duration.ofSeconds(WAIT_SECONDS)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> {
                    io.natter.router.realm.RealmStats stats = registry.stats(REALM);
                    assertThat(stats.sessions()).as("sessions left in %s", stats).isEqualTo(1);
                    assertThat(stats.subscriptions()).as("subscriptions left in %s", stats).isZero();
                    assertThat(stats.registrations()).as("registrations left in %s", stats).isZero();
                    assertThat(stats.pendingCalls()).as("calls left in %s", stats).isZero();
                });
        assertThat(survivor.isJoined()).isTrue();
    }

    /** A frame holding {@code elements} as a WAMP array in {@code wire}'s encoding, whatever they are. */
    static byte[] frame(Wire wire, Object... elements) throws Exception {
        return (wire == Wire.JSON ? JSON : MSGPACK).writeValueAsBytes(Arrays.asList(elements));
    }

    private static Inbox<Seen> watch(WampClient watcher, String... topics) throws Exception {
        Inbox<Seen> inbox = new Inbox<>();
        for (String topic : topics) {
            await(watcher.subscribe(topic, event -> inbox.accept(Seen.of(event).normalized())));
        }
        return inbox;
    }

    /** The meta events up to and including the next {@code on_leave}. */
    private static List<Seen> untilLeave(Inbox<Seen> inbox) throws InterruptedException {
        List<Seen> seen = new ArrayList<>();
        Seen next;
        do {
            next = inbox.next();
            seen.add(next);
        } while (!next.topic().equals("wamp.session.on_leave"));
        return seen;
    }
}
