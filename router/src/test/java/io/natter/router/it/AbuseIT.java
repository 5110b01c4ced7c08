package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.WampErrors;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile traffic on loopback against the default configuration: the router bounds what one peer
 * can make it hold and keeps serving everyone else (a witness session).
 */
@QuarkusTest
class AbuseIT extends RouterIT {

    /** The default {@code natter.router.session.max-subscriptions} and {@code max-registrations}. */
    private static final int CAP = 1000;

    private final List<TcpPeer> tcp = new ArrayList<>();

    @AfterEach
    void closeTcp() {
        tcp.forEach(TcpPeer::close);
        tcp.clear();
    }

    private TcpPeer tcp() throws IOException {
        TcpPeer peer = TcpPeer.open(port());
        tcp.add(peer);
        return peer;
    }

    @Test
    void aPeerThatFloodsPingsAndNeverReadsThePongsIsDropped() throws Exception {
        WampClient witness = connect(Wire.JSON);
        TcpPeer flooder = tcp();
        assertThat(flooder.upgrade()).contains("101");
        flooder.sendText("[1,\"realm1\",{\"roles\":{\"subscriber\":{}}}]");
        flooder.flush();
        awaitSessions(2);

        byte[] payload = new byte[125];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        try {
            // ~38 MB of pongs the peer never reads: far past the kernel's buffers and the 8 MiB queue bound.
            for (int i = 0; i < 300_000 && System.nanoTime() < deadline; i++) {
                flooder.ping(payload);
            }
            flooder.flush();
        } catch (IOException e) {
            // the router dropped the flooder while it was still sending
        }

        awaitSessions(1);
        assertThat(await(witness.call("wamp.session.count", List.of())).args()).containsExactly(1);
    }

    @BothWires
    void pastItsCapASessionGetsNoMoreSubscriptionsOrRegistrations(Wire wire) throws Exception {
        RawPeer peer = raw(wire);
        peer.join(REALM);
        long request = 0;
        for (int i = 0; i < CAP; i++) {
            peer.send(new Subscribe(++request, Map.of(), "it.abuse.topic." + i));
            peer.send(new Register(++request, Map.of(), "it.abuse.procedure." + i));
        }
        for (int i = 0; i < 2 * CAP; i++) {
            Message reply = peer.next();
            assertThat(reply).isInstanceOfAny(Subscribed.class, Registered.class);
        }

        peer.send(new Subscribe(++request, Map.of(), "it.abuse.topic.one_more"));
        Error subscribeRefused = peer.expect(Error.class);
        peer.send(new Subscribe(++request, Map.of(), "it.abuse.topic.7"));
        Subscribed again = peer.expect(Subscribed.class);
        peer.send(new Register(++request, Map.of(), "it.abuse.procedure.one_more"));
        Error registerRefused = peer.expect(Error.class);

        assertThat(subscribeRefused.error()).isEqualTo("natter.error.limit_exceeded");
        assertThat(subscribeRefused.requestType()).isEqualTo(Subscribe.CODE);
        assertThat(again.request()).as("a subscription it holds is no new one").isEqualTo(request - 1);
        assertThat(registerRefused.error()).isEqualTo("natter.error.limit_exceeded");
        assertThat(registry.stats(REALM).subscriptions()).isEqualTo(CAP);
        assertThat(registry.stats(REALM).registrations()).isEqualTo(CAP);
    }

    @BothWires
    void theDefaultKeepsKillingAndListingSessionsFromAnonymousClients(Wire wire) throws Exception {
        WampClient anonymous = connect(wire);
        Inbox<EventDetails> events = new Inbox<>();

        for (String procedure : List.of("wamp.session.kill_by_authrole", "wamp.session.kill", "wamp.session.list",
                "wamp.session.get", "wamp.subscription.remove_subscriber", "wamp.registration.remove_callee",
                "natter.router.revoke")) {
            assertThat(awaitError(anonymous.call(procedure, List.of("anonymous"))).error()).as(procedure)
                    .isEqualTo(WampErrors.NOT_AUTHORIZED);
        }
        assertThat(awaitError(anonymous.subscribe("wamp.session.on_join", events)).error()).isEqualTo(WampErrors.NOT_AUTHORIZED);
        assertThat(await(anonymous.call("wamp.session.count", List.of())).args()).containsExactly(1);
        await(anonymous.subscribe("it.abuse.easy", events));
        await(anonymous.register("it.abuse.easy", Map.of(), ctx -> io.vertx.core.Future.succeededFuture(
                io.natter.wamp.client.CallResult.of("still easy"))));
        await(anonymous.publish("it.abuse.easy", List.of("x"), Map.of(), Map.of("acknowledge", true, "exclude_me", false)));
        assertThat(events.next().args()).containsExactly("x");
        assertThat(await(anonymous.call("it.abuse.easy", List.of())).args()).containsExactly("still easy");
    }

    private void awaitSessions(int expected) {
        Awaitility.await(expected + " sessions in the realm").atMost(Duration.ofSeconds(WAIT_SECONDS)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(registry.stats(REALM).sessions()).isEqualTo(expected));
    }
}
