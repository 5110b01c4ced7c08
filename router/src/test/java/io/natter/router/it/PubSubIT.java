package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.WampErrors;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.Subscription;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Unsubscribe;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Publish and subscribe through the client: payloads, publisher exclusion, acknowledgement,
 * black/white listing, publisher identification, ordering, unsubscribe.
 *
 * <p>"Not delivered" is proven without sleeping: after the publication that must not arrive, the
 * same publisher publishes a marker that must; since one publisher's events reach a subscriber in
 * order, the marker arriving first proves the other one never will.
 */
@QuarkusTest
class PubSubIT extends RouterIT {

    private static final List<Object> ARGS = List.of(1, "two", Map.of("x", true), List.of(3, 4.5));
    private static final Map<String, Object> KWARGS = Map.of("k", "v", "n", 42, "nested", Map.of("list", List.of("a")));

    @BothWires
    void eventsCarryArgsAndKwargs(Wire wire) throws Exception {
        WampClient subscriber = connect(wire);
        WampClient publisher = connect(wire);
        Inbox<EventDetails> events = new Inbox<>();
        Subscription subscription = await(subscriber.subscribe("it.pubsub.payload", events));

        publisher.publish("it.pubsub.payload", ARGS, KWARGS, Map.of());

        EventDetails event = events.next();
        assertThat(event.args()).isEqualTo(ARGS);
        assertThat(event.kwargs()).isEqualTo(KWARGS);
        assertThat(event.subscription()).isSameAs(subscription);
        assertThat(event.topic()).isEqualTo("it.pubsub.payload");
        assertThat(event.publication()).isPositive();
        assertThat(event.publisher()).as("not disclosed unless asked").isNull();
    }

    @BothWires
    void emptyPayloadArrivesEmpty(Wire wire) throws Exception {
        WampClient subscriber = connect(wire);
        WampClient publisher = connect(wire);
        Inbox<EventDetails> events = new Inbox<>();
        await(subscriber.subscribe("it.pubsub.empty", events));

        publisher.publish("it.pubsub.empty", List.of(), Map.of(), Map.of());

        EventDetails event = events.next();
        assertThat(event.args()).isEmpty();
        assertThat(event.kwargs()).isEmpty();
    }

    @BothWires
    void publisherIsExcludedByDefault(Wire wire) throws Exception {
        WampClient both = connect(wire);
        WampClient other = connect(wire);
        Inbox<EventDetails> own = new Inbox<>();
        Inbox<EventDetails> others = new Inbox<>();
        await(both.subscribe("it.pubsub.exclude_me", own));
        await(other.subscribe("it.pubsub.exclude_me", others));

        both.publish("it.pubsub.exclude_me", List.of("default"));
        both.publish("it.pubsub.exclude_me", List.of("included"), Map.of(), Map.of("exclude_me", false));

        assertThat(own.next().args()).containsExactly("included");
        assertThat(others.next().args()).containsExactly("default");
        assertThat(others.next().args()).containsExactly("included");
    }

    @BothWires
    void excludeMeTrueExcludesThePublisher(Wire wire) throws Exception {
        WampClient both = connect(wire);
        Inbox<EventDetails> own = new Inbox<>();
        await(both.subscribe("it.pubsub.exclude_me_true", own));

        both.publish("it.pubsub.exclude_me_true", List.of("excluded"), Map.of(), Map.of("exclude_me", true));
        both.publish("it.pubsub.exclude_me_true", List.of("included"), Map.of(), Map.of("exclude_me", false));

        assertThat(own.next().args()).containsExactly("included");
    }

    @BothWires
    void acknowledgedPublishAnswersWithThePublicationId(Wire wire) throws Exception {
        WampClient subscriber = connect(wire);
        WampClient publisher = connect(wire);
        Inbox<EventDetails> events = new Inbox<>();
        await(subscriber.subscribe("it.pubsub.ack", events));

        Long first = await(publisher.publish("it.pubsub.ack", List.of(1), Map.of(), Map.of("acknowledge", true)));
        Long second = await(publisher.publish("it.pubsub.ack", List.of(2), Map.of(), Map.of("acknowledge", true)));

        assertThat(first).isNotNull().isPositive().isLessThanOrEqualTo(1L << 53);
        assertThat(second).isNotNull().isPositive().isNotEqualTo(first);
        assertThat(events.next().publication()).isEqualTo(first);
        assertThat(events.next().publication()).isEqualTo(second);
    }

    @BothWires
    void acknowledgedPublishWithoutSubscribersStillAnswers(Wire wire) throws Exception {
        WampClient publisher = connect(wire);

        Long publication = await(publisher.publish("it.pubsub.nobody", List.of(), Map.of(), Map.of("acknowledge", true)));

        assertThat(publication).isNotNull().isPositive();
    }

    @BothWires
    void eligibleAndExcludeSelectSessionsById(Wire wire) throws Exception {
        WampClient publisher = connect(wire);
        WampClient a = connect(wire);
        WampClient b = connect(wire);
        WampClient c = connect(wire);
        Inbox<EventDetails> toA = new Inbox<>();
        Inbox<EventDetails> toB = new Inbox<>();
        Inbox<EventDetails> toC = new Inbox<>();
        await(a.subscribe("it.pubsub.lists", toA));
        await(b.subscribe("it.pubsub.lists", toB));
        await(c.subscribe("it.pubsub.lists", toC));

        publisher.publish("it.pubsub.lists", List.of("eligible a,b"), Map.of(),
                Map.of("eligible", List.of(sessionId(a), sessionId(b))));
        publisher.publish("it.pubsub.lists", List.of("exclude a"), Map.of(), Map.of("exclude", List.of(sessionId(a))));
        publisher.publish("it.pubsub.lists", List.of("eligible a,b exclude b"), Map.of(),
                Map.of("eligible", List.of(sessionId(a), sessionId(b)), "exclude", List.of(sessionId(b))));
        publisher.publish("it.pubsub.lists", List.of("marker"));

        assertThat(argsUntilMarker(toA)).containsExactly("eligible a,b", "eligible a,b exclude b");
        assertThat(argsUntilMarker(toB)).containsExactly("eligible a,b", "exclude a");
        assertThat(argsUntilMarker(toC)).containsExactly("exclude a");
    }

    @BothWires
    void eligibleAndExcludeSelectSessionsByAuthid(Wire wire) throws Exception {
        WampClient publisher = connect(wire);
        WampClient a = connect(wire);
        WampClient b = connect(wire);
        Inbox<EventDetails> toA = new Inbox<>();
        Inbox<EventDetails> toB = new Inbox<>();
        await(a.subscribe("it.pubsub.authid", toA));
        await(b.subscribe("it.pubsub.authid", toB));
        String authidA = a.session().authid();
        String authidB = b.session().authid();
        assertThat(authidA).as("anonymous sessions get distinct authids").isNotEqualTo(authidB);

        publisher.publish("it.pubsub.authid", List.of("eligible a"), Map.of(), Map.of("eligible_authid", List.of(authidA)));
        publisher.publish("it.pubsub.authid", List.of("exclude a"), Map.of(), Map.of("exclude_authid", List.of(authidA)));
        publisher.publish("it.pubsub.authid", List.of("eligible nobody"), Map.of(), Map.of("eligible_authid", List.of("nobody")));
        publisher.publish("it.pubsub.authid", List.of("exclude both"), Map.of(),
                Map.of("exclude_authid", List.of(authidA, authidB)));
        publisher.publish("it.pubsub.authid", List.of("marker"));

        assertThat(argsUntilMarker(toA)).containsExactly("eligible a");
        assertThat(argsUntilMarker(toB)).containsExactly("exclude a");
    }

    @BothWires
    void eligibleAndExcludeSelectSessionsByAuthrole(Wire wire) throws Exception {
        WampClient publisher = connect(wire);
        WampClient a = connect(wire);
        Inbox<EventDetails> toA = new Inbox<>();
        await(a.subscribe("it.pubsub.authrole", toA));
        String role = a.session().authrole();
        assertThat(role).isEqualTo("anonymous");

        publisher.publish("it.pubsub.authrole", List.of("eligible role"), Map.of(), Map.of("eligible_authrole", List.of(role)));
        publisher.publish("it.pubsub.authrole", List.of("eligible other"), Map.of(), Map.of("eligible_authrole", List.of("other")));
        publisher.publish("it.pubsub.authrole", List.of("exclude role"), Map.of(), Map.of("exclude_authrole", List.of(role)));
        publisher.publish("it.pubsub.authrole", List.of("exclude other"), Map.of(), Map.of("exclude_authrole", List.of("other")));
        publisher.publish("it.pubsub.authrole", List.of("marker"));

        assertThat(argsUntilMarker(toA)).containsExactly("eligible role", "exclude other");
    }

    @BothWires
    void discloseMeIdentifiesThePublisher(Wire wire) throws Exception {
        WampClient subscriber = connect(wire);
        WampClient publisher = connect(wire);
        Inbox<EventDetails> events = new Inbox<>();
        await(subscriber.subscribe("it.pubsub.disclose", events));

        publisher.publish("it.pubsub.disclose", List.of("disclosed"), Map.of(), Map.of("disclose_me", true));
        publisher.publish("it.pubsub.disclose", List.of("anonymous"), Map.of(), Map.of());

        EventDetails disclosed = events.next();
        assertThat(disclosed.publisher()).isEqualTo(sessionId(publisher));
        assertThat(disclosed.publisherAuthid()).isEqualTo(publisher.session().authid());
        assertThat(disclosed.publisherAuthrole()).isEqualTo("anonymous");
        EventDetails undisclosed = events.next();
        assertThat(undisclosed.details()).doesNotContainKeys("publisher", "publisher_authid", "publisher_authrole");
    }

    @BothWires
    void eventsOfOnePublisherArriveInOrder(Wire wire) throws Exception {
        WampClient subscriber = connect(wire);
        WampClient publisher = connect(wire);
        Inbox<EventDetails> events = new Inbox<>();
        await(subscriber.subscribe("it.pubsub.order", events));

        for (int i = 0; i < 1000; i++) {
            publisher.publish("it.pubsub.order", List.of(i));
        }

        List<Object> received = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            received.add(events.next().args().get(0));
        }
        assertThat(received).isEqualTo(IntStream.range(0, 1000).boxed().toList());
    }

    @BothWires
    void unsubscribeStopsDelivery(Wire wire) throws Exception {
        WampClient subscriber = connect(wire);
        WampClient publisher = connect(wire);
        Inbox<EventDetails> events = new Inbox<>();
        Subscription topic = await(subscriber.subscribe("it.pubsub.unsub", events));
        await(subscriber.subscribe("it.pubsub.unsub.marker", events));
        publisher.publish("it.pubsub.unsub", List.of("before"));
        assertThat(events.next().args()).containsExactly("before");

        await(subscriber.unsubscribe(topic));
        publisher.publish("it.pubsub.unsub", List.of("after"));
        publisher.publish("it.pubsub.unsub.marker", List.of("marker"));

        EventDetails next = events.next();
        assertThat(next.topic()).isEqualTo("it.pubsub.unsub.marker");
        assertThat(registry.stats(REALM).subscriptions()).as("subscriptions left: the marker's only").isEqualTo(1);
    }

    @BothWires
    void unsubscribeOfAnUnknownIdIsRefused(Wire wire) throws Exception {
        WampClient owner = connect(wire);
        Subscription others = await(owner.subscribe("it.pubsub.not_yours", e -> { }));
        RawPeer peer = raw(wire);
        peer.join(REALM);

        peer.send(new Unsubscribe(1, 4_242_424_242L));
        Error unknown = peer.expect(Error.class);
        peer.send(new Unsubscribe(2, others.id()));
        Error notMine = peer.expect(Error.class);

        assertThat(unknown.requestType()).isEqualTo(Unsubscribe.CODE);
        assertThat(unknown.request()).isEqualTo(1);
        assertThat(unknown.error()).isEqualTo(WampErrors.NO_SUCH_SUBSCRIPTION);
        assertThat(notMine.request()).isEqualTo(2);
        assertThat(notMine.error()).isEqualTo(WampErrors.NO_SUCH_SUBSCRIPTION);
        assertThat(registry.stats(REALM).subscriptions()).as("the owner's subscription stays").isEqualTo(1);
    }

    @BothWires
    void twoSubscriptionsOfOneSessionToOneTopicShareTheId(Wire wire) throws Exception {
        WampClient publisher = connect(wire);
        RawPeer peer = raw(wire);
        peer.join(REALM);

        peer.send(new Subscribe(1, Map.of(), "it.pubsub.twice"));
        long first = peer.expect(Subscribed.class).subscription();
        peer.send(new Subscribe(2, Map.of(), "it.pubsub.twice"));
        Subscribed second = peer.expect(Subscribed.class);
        await(publisher.publish("it.pubsub.twice", List.of("once"), Map.of(), Map.of("acknowledge", true)));
        await(publisher.publish("it.pubsub.twice", List.of("marker"), Map.of(), Map.of("acknowledge", true)));

        assertThat(second.request()).isEqualTo(2);
        assertThat(second.subscription()).isEqualTo(first);
        Event once = peer.expect(Event.class);
        assertThat(once.subscription()).isEqualTo(first);
        assertThat(once.args()).containsExactly("once");
        assertThat(peer.expect(Event.class).args()).as("one EVENT per publication, not one per SUBSCRIBE").containsExactly("marker");
        assertThat(registry.stats(REALM).subscriptions()).isEqualTo(1);
    }

    @BothWires
    void clientSubscriptionsSharingAnIdBothGetTheEvent(Wire wire) throws Exception {
        WampClient subscriber = connect(wire);
        WampClient publisher = connect(wire);
        Inbox<EventDetails> first = new Inbox<>();
        Inbox<EventDetails> second = new Inbox<>();
        Subscription one = await(subscriber.subscribe("it.pubsub.shared", first));
        Subscription two = await(subscriber.subscribe("it.pubsub.shared", second));

        publisher.publish("it.pubsub.shared", List.of("x"));

        assertThat(two.id()).isEqualTo(one.id());
        assertThat(first.next().args()).containsExactly("x");
        assertThat(second.next().args()).containsExactly("x");
    }

    static Stream<Arguments> wirePairs() {
        return Stream.of(Arguments.of(Wire.JSON, Wire.MSGPACK), Arguments.of(Wire.MSGPACK, Wire.JSON));
    }

    @ParameterizedTest(name = "{0} publisher, {1} subscriber")
    @MethodSource("wirePairs")
    void payloadsCrossSerializations(Wire publisherWire, Wire subscriberWire) throws Exception {
        WampClient subscriber = connect(subscriberWire);
        WampClient publisher = connect(publisherWire);
        Inbox<EventDetails> events = new Inbox<>();
        await(subscriber.subscribe("it.pubsub.cross", events));
        byte[] binary = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
        List<Object> args = java.util.Arrays.asList(binary, 9_007_199_254_740_993L, -5, 1.5, true, null, "ünïcödé ✓",
                Map.of("deep", List.of(Map.of("x", List.of())))); 

        publisher.publish("it.pubsub.cross", args, Map.of("bytes", binary), Map.of());

        EventDetails event = events.next();
        assertThat(event.args()).hasSize(8);
        assertThat((byte[]) event.args().get(0)).containsExactly(binary);
        assertThat(id(event.args().get(1))).isEqualTo(9_007_199_254_740_993L);
        assertThat(event.args().subList(2, 8)).isEqualTo(args.subList(2, 8));
        assertThat((byte[]) event.kwargs().get("bytes")).containsExactly(binary);
    }

    /** The first args of each event up to the {@code marker} event, which must come. */
    private static List<Object> argsUntilMarker(Inbox<EventDetails> inbox) throws InterruptedException {
        List<Object> seen = new ArrayList<>();
        while (true) {
            Object arg = inbox.next().args().get(0);
            if ("marker".equals(arg)) {
                return seen;
            }
            seen.add(arg);
        }
    }
}
