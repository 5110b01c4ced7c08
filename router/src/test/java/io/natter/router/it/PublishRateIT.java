package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.message.Error;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Published;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;

/**
 * The per-session publication rate limit ({@code natter.router.session.publish-rate}, off by
 * default): past it a PUBLISH is refused with {@code natter.error.rate_limited} (when
 * acknowledged; else dropped) and reaches nobody; the bucket refills with time.
 */
@QuarkusTest
@TestProfile(PublishRateIT.Limited.class)
class PublishRateIT extends RouterIT {

    static final int RATE = 5;

    /** Five publications per second per session. */
    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("natter.router.session.publish-rate", Integer.toString(RATE));
        }
    }

    @BothWires
    void pastTheRatePublicationsAreRefusedUntilTheBucketRefills(Wire wire) throws Exception {
        RawPeer subscriber = raw(wire);
        subscriber.join(REALM);
        subscriber.send(new Subscribe(1, Map.of(), "it.rate.topic"));
        subscriber.expect(Subscribed.class);
        RawPeer publisher = raw(wire);
        publisher.join(REALM);

        int published = 0;
        int refused = 0;
        for (int i = 1; i <= 3 * RATE; i++) {
            publisher.send(new Publish(i, Map.of("acknowledge", true), "it.rate.topic", List.of(i), Map.of()));
        }
        for (int i = 1; i <= 3 * RATE; i++) {
            Message reply = publisher.next();
            if (reply instanceof Published) {
                published++;
            } else {
                assertThat(((Error) reply).error()).isEqualTo("natter.error.rate_limited");
                refused++;
            }
        }
        int delivered = 0;
        for (Message message : subscriber.untilMarker()) {
            if (!(message instanceof Event)) {
                break;
            }
            delivered++;
        }
        Thread.sleep(1100);
        publisher.send(new Publish(100, Map.of("acknowledge", true), "it.rate.topic", List.of("later"), Map.of()));

        assertThat(published).isBetween(RATE, RATE + 1);
        assertThat(refused).isEqualTo(3 * RATE - published);
        assertThat(delivered).isEqualTo(published);
        assertThat(publisher.expect(Published.class).request()).as("refilled").isEqualTo(100);
    }
}
