package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.WampClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Events reach a subscriber in causal order, not only in each publisher's own order: when one
 * publisher's publication is acknowledged before another publisher publishes (in chat: a reply
 * written after the message it answers reached its author), every subscriber gets the first event
 * before the second, whichever event loops the three sockets live on. The router once wrote a frame
 * at once from the subscriber's own event loop while a frame from another loop still waited in that
 * loop's task queue, and a subscriber (the listener, which stores chat history) saw replies before
 * what they answered.
 */
@QuarkusTest
class CausalOrderIT extends RouterIT {

    @BothWires
    void eventsFromPublishersTakingTurnsArriveInTurn(Wire wire) throws Exception {
        WampClient subscriber = connect(wire);
        List<WampClient> publishers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            publishers.add(connect(wire)); // the sessions spread over the router's event loops
        }
        Inbox<EventDetails> events = new Inbox<>();
        await(subscriber.subscribe("it.causal.turns", events));

        int count = 2000;
        for (int n = 0; n < count; n++) {
            // acknowledged before the next publisher publishes: n happens before n + 1
            await(publishers.get(n % publishers.size())
                    .publish("it.causal.turns", List.of(n), Map.of(), Map.of("acknowledge", true)));
        }
        List<Integer> received = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            received.add(((Number) events.next().args().get(0)).intValue());
        }
        List<Integer> inversions = new ArrayList<>();
        for (int i = 1; i < received.size(); i++) {
            if (received.get(i) < received.get(i - 1)) {
                inversions.add(received.get(i));
            }
        }
        assertThat(inversions).as("events that overtook an earlier one").isEmpty();
    }
}
