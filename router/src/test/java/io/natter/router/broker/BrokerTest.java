package io.natter.router.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.router.testing.TestRealm;
import io.natter.router.testing.TestRealm.Peer;
import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Published;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Unsubscribe;
import io.natter.wamp.message.Unsubscribed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerTest {

    private final TestRealm realm = new TestRealm();
    private final Peer alice = realm.join("alice", "user");
    private final Peer bob = realm.join("bob", "user");
    private final Peer carol = realm.join("carol", "admin");

    private long subscribe(Peer peer, String topic, String match) {
        long request = peer.request();
        realm.send(peer, new Subscribe(request, match == null ? Map.of() : Map.of("match", match), topic));
        Subscribed subscribed = peer.out().messages(Subscribed.class).stream().filter(s -> s.request() == request).findFirst().orElseThrow();
        return subscribed.subscription();
    }

    private void publish(Peer peer, String topic, Map<String, Object> options) {
        realm.send(peer, new Publish(peer.request(), options, topic, List.of("hello"), Map.of("k", 1)));
    }

    @Test
    void exactSubscriberReceivesEventWithoutTopicDetail() {
        long subscription = subscribe(bob, "chat.room1", null);
        publish(alice, "chat.room1", Map.of());

        Event event = bob.out().only(Event.class);
        assertThat(event.subscription()).isEqualTo(subscription);
        assertThat(event.args()).containsExactly("hello");
        assertThat(event.kwargs()).containsEntry("k", 1);
        assertThat(event.details()).isEmpty();
    }

    @Test
    void prefixAndWildcardSubscribersGetTheTopicInDetails() {
        long prefix = subscribe(bob, "chat", "prefix");
        long wildcard = subscribe(carol, "chat..message", "wildcard");
        publish(alice, "chat.room1.message", Map.of());

        assertThat(bob.out().only(Event.class).subscription()).isEqualTo(prefix);
        assertThat(bob.out().only(Event.class).details()).containsEntry("topic", "chat.room1.message");
        assertThat(carol.out().only(Event.class).subscription()).isEqualTo(wildcard);
        assertThat(carol.out().only(Event.class).details()).containsEntry("topic", "chat.room1.message");
    }

    @Test
    void nonMatchingSubscriptionsGetNothing() {
        subscribe(bob, "chat.room2", null);
        subscribe(carol, "chat..x", "wildcard");
        publish(alice, "chat.room1.message", Map.of());

        assertThat(bob.out().messages(Event.class)).isEmpty();
        assertThat(carol.out().messages(Event.class)).isEmpty();
    }

    @Test
    void sessionsOfOneSubscriptionShareOneSubscriptionIdAndOneEncodedEvent() {
        long bobs = subscribe(bob, "news", null);
        long carols = subscribe(carol, "news", null);
        assertThat(carols).isEqualTo(bobs);

        publish(alice, "news", Map.of());

        assertThat(bob.out().outgoing().get(bob.out().outgoing().size() - 1))
                .isSameAs(carol.out().outgoing().get(carol.out().outgoing().size() - 1));
    }

    @Test
    void publisherIsExcludedByDefaultAndIncludedWithExcludeMeFalse() {
        subscribe(alice, "news", null);
        publish(alice, "news", Map.of());
        assertThat(alice.out().messages(Event.class)).isEmpty();

        publish(alice, "news", Map.of("exclude_me", false));
        assertThat(alice.out().messages(Event.class)).hasSize(1);
    }

    @Test
    void blackListingBySessionAuthidAndAuthrole() {
        subscribe(bob, "news", null);
        subscribe(carol, "news", null);

        publish(alice, "news", Map.of("exclude", List.of(bob.id())));
        assertThat(bob.out().messages(Event.class)).isEmpty();
        assertThat(carol.out().messages(Event.class)).hasSize(1);

        publish(alice, "news", Map.of("exclude_authid", List.of("carol")));
        assertThat(bob.out().messages(Event.class)).hasSize(1);
        assertThat(carol.out().messages(Event.class)).hasSize(1);

        publish(alice, "news", Map.of("exclude_authrole", List.of("user")));
        assertThat(bob.out().messages(Event.class)).hasSize(1);
        assertThat(carol.out().messages(Event.class)).hasSize(2);
    }

    @Test
    void whiteListingBySessionAuthidAndAuthrole() {
        subscribe(bob, "news", null);
        subscribe(carol, "news", null);

        publish(alice, "news", Map.of("eligible", List.of(carol.id())));
        assertThat(bob.out().messages(Event.class)).isEmpty();
        assertThat(carol.out().messages(Event.class)).hasSize(1);

        publish(alice, "news", Map.of("eligible_authid", List.of("bob")));
        assertThat(bob.out().messages(Event.class)).hasSize(1);
        assertThat(carol.out().messages(Event.class)).hasSize(1);

        publish(alice, "news", Map.of("eligible_authrole", List.of("admin"), "exclude", List.of(carol.id())));
        assertThat(bob.out().messages(Event.class)).hasSize(1);
        assertThat(carol.out().messages(Event.class)).hasSize(1);
    }

    @Test
    void discloseMeIdentifiesThePublisher() {
        subscribe(bob, "news", null);
        publish(alice, "news", Map.of("disclose_me", true));

        assertThat(bob.out().only(Event.class).details())
                .containsEntry("publisher", alice.id())
                .containsEntry("publisher_authid", "alice")
                .containsEntry("publisher_authrole", "user");
    }

    @Test
    void acknowledgedPublicationIsAnsweredWithPublishedCarryingTheEventsPublicationId() {
        subscribe(bob, "news", null);
        publish(alice, "news", Map.of("acknowledge", true));

        Published published = alice.out().only(Published.class);
        assertThat(published.request()).isEqualTo(alice.lastRequest());
        assertThat(published.publication()).isEqualTo(bob.out().only(Event.class).publication());
    }

    @Test
    void unacknowledgedPublicationGetsNoAnswerEvenWhenRefused() {
        publish(alice, "wamp.session.on_join", Map.of());
        publish(alice, "bad..uri", Map.of());
        assertThat(alice.out().messages()).isEmpty();
    }

    @Test
    void acknowledgedPublicationToReservedOrInvalidTopicIsAnsweredWithInvalidUri() {
        publish(alice, "wamp.session.on_join", Map.of("acknowledge", true));
        publish(alice, "bad..uri", Map.of("acknowledge", true));

        assertThat(alice.out().messages(Error.class)).extracting(Error::error)
                .containsExactly(WampErrors.INVALID_URI, WampErrors.INVALID_URI);
        assertThat(alice.out().messages(Error.class).get(0).args().get(0).toString()).contains("restricted topic");
    }

    @Test
    void unsubscribeStopsEventsAndDeletesTheLastSubscription() {
        long subscription = subscribe(bob, "news", null);
        long request = bob.request();
        realm.send(bob, new Unsubscribe(request, subscription));
        assertThat(bob.out().only(Unsubscribed.class).request()).isEqualTo(request);

        publish(alice, "news", Map.of());
        assertThat(bob.out().messages(Event.class)).isEmpty();
        assertThat(realm.realm.stats().subscriptions()).isZero();
    }

    @Test
    void unsubscribeOfUnknownSubscriptionIsAnError() {
        long subscription = subscribe(bob, "news", null);
        realm.send(carol, new Unsubscribe(carol.request(), subscription));

        Error error = carol.out().only(Error.class);
        assertThat(error.requestType()).isEqualTo(Unsubscribe.CODE);
        assertThat(error.error()).isEqualTo(WampErrors.NO_SUCH_SUBSCRIPTION);
    }

    @Test
    void subscribedPrecedesEveryEventOfTheSubscription() {
        subscribe(bob, "news", null);
        publish(alice, "news", Map.of());

        List<Message> received = bob.out().messages();
        assertThat(received.get(0)).isInstanceOf(Subscribed.class);
        assertThat(received.get(1)).isInstanceOf(Event.class);
    }

    @Test
    void eventsFromOnePublisherArriveInOrder() {
        subscribe(bob, "news", null);
        for (int i = 0; i < 50; i++) {
            realm.send(alice, new Publish(alice.request(), Map.of(), "news", List.of(i), Map.of()));
        }
        assertThat(bob.out().messages(Event.class)).extracting(e -> e.args().get(0))
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
    }

    @Test
    void leavingSessionLosesItsSubscriptions() {
        subscribe(bob, "news", null);
        subscribe(bob, "chat", "prefix");
        realm.realm.leave(bob.session());

        assertThat(realm.realm.stats().subscriptions()).isZero();
        publish(alice, "news", Map.of());
        assertThat(bob.out().messages(Event.class)).isEmpty();
    }
}
