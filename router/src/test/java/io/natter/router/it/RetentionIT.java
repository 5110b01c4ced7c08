package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.client.WampClient;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;

/**
 * Event retention as Crossbar.io does it: PUBLISH {@code retain: true} keeps the last such event of
 * a topic; a subscriber asking SUBSCRIBE {@code get_retained: true} gets it right after SUBSCRIBED,
 * with EVENT details {@code retained: true}, even after its publisher left.
 */
@QuarkusTest
class RetentionIT extends RouterIT {

    private static final Map<String, Object> RETAIN = Map.of("retain", true, "acknowledge", true);

    @BothWires
    void aNewSubscriberAskingGetsTheLastRetainedEventAtOnce(Wire wire) throws Exception {
        String topic = "it.retain.last." + wire;
        WampClient publisher = connect(wire);
        await(publisher.publish(topic, List.of("first"), Map.of(), RETAIN));
        await(publisher.publish(topic, List.of("second"), Map.of("n", 2), RETAIN));
        await(publisher.publish(topic, List.of("not retained"), Map.of(), Map.of("acknowledge", true)));
        await(publisher.close());

        RawPeer subscriber = raw(wire);
        subscriber.join(REALM);
        subscriber.send(new Subscribe(1, Map.of("get_retained", true), topic));
        Subscribed subscribed = subscriber.expect(Subscribed.class);
        Event retained = subscriber.expect(Event.class);

        assertThat(retained.subscription()).isEqualTo(subscribed.subscription());
        assertThat(retained.args()).containsExactly("second");
        assertThat(id(retained.kwargs().get("n"))).isEqualTo(2);
        assertThat(retained.details()).containsEntry("retained", true).doesNotContainKey("publisher");
        assertThat(subscriber.untilMarker()).as("only the last retained event").isEmpty();
    }

    @BothWires
    void withoutGetRetainedOrForAPatternNothingIsSent(Wire wire) throws Exception {
        String topic = "it.retain.quiet." + wire;
        WampClient publisher = connect(wire);
        await(publisher.publish(topic, List.of("kept"), Map.of(), RETAIN));

        RawPeer subscriber = raw(wire);
        subscriber.join(REALM);
        subscriber.send(new Subscribe(1, Map.of(), topic));
        subscriber.expect(Subscribed.class);
        subscriber.send(new Subscribe(2, Map.of("get_retained", true, "match", "prefix"), "it.retain.quiet."));
        subscriber.expect(Subscribed.class);
        assertThat(subscriber.untilMarker()).isEmpty();

        await(publisher.publish(topic, List.of("live"), Map.of(), RETAIN));
        Event live = subscriber.expect(Event.class);
        assertThat(live.args()).containsExactly("live");
        assertThat(live.details()).doesNotContainKey("retained");
    }

    @BothWires
    void aRetainedEventKeepsItsDisclosureAndItsEligibleList(Wire wire) throws Exception {
        String topic = "it.retain.lists." + wire;
        RawPeer chosen = raw(wire);
        long chosenId = chosen.join(REALM).session();
        WampClient publisher = connect(wire);
        await(publisher.publish(topic, List.of("for one"), Map.of(),
                Map.of("retain", true, "acknowledge", true, "disclose_me", true, "eligible", List.of(chosenId))));

        RawPeer other = raw(wire);
        other.join(REALM);
        other.send(new Subscribe(1, Map.of("get_retained", true), topic));
        other.expect(Subscribed.class);
        chosen.send(new Subscribe(1, Map.of("get_retained", true), topic));
        chosen.expect(Subscribed.class);
        Event retained = chosen.expect(Event.class);

        assertThat(retained.details()).containsEntry("retained", true).containsEntry("publisher_authrole", "anonymous");
        assertThat(id(retained.details().get("publisher"))).isEqualTo(sessionId(publisher));
        assertThat(other.untilMarker()).as("not eligible").isEmpty();
    }
}
