package io.natter.router.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.router.testing.TestRealm;
import io.natter.router.testing.TestRealm.Peer;
import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Result;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaApiTest {

    private final TestRealm realm = new TestRealm();
    private final Peer listener = realm.join("listener", "listener");
    private final Map<Long, String> topics = new LinkedHashMap<>();

    private void listen(String... metaTopics) {
        for (String topic : metaTopics) {
            long request = listener.request();
            realm.send(listener, new Subscribe(request, Map.of(), topic));
            topics.put(listener.out().messages(Subscribed.class).get(topics.size()).subscription(), topic);
        }
        listener.clear();
    }

    /** The meta events the listener received, as "topic args". */
    private List<String> events() {
        List<String> events = new ArrayList<>();
        for (Event event : listener.out().messages(Event.class)) {
            events.add(topics.get(event.subscription()) + " " + event.args());
        }
        return events;
    }

    private Object call(Peer caller, String procedure, Object... args) {
        long request = caller.request();
        realm.send(caller, new Call(request, Map.of(), procedure, List.of(args), Map.of()));
        Message answer = caller.out().messages().get(caller.out().messages().size() - 1);
        if (answer instanceof Result result) {
            assertThat(result.request()).isEqualTo(request);
            return result.args().get(0);
        }
        return answer;
    }

    @SuppressWarnings("unchecked")
    private List<Object> listCall(Peer caller, String procedure, Object... args) {
        return (List<Object>) call(caller, procedure, args);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> mapCall(Peer caller, String procedure, Object... args) {
        return (Map<String, Object>) call(caller, procedure, args);
    }

    @Test
    void onJoinCarriesTheSessionDetailsAndOnLeaveSessionAuthidAndAuthrole() {
        listen("wamp.session.on_join", "wamp.session.on_leave");
        Peer alice = realm.join("alice", "user");
        realm.realm.leave(alice.session());

        List<Event> events = listener.out().messages(Event.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) events.get(0).args().get(0);
        assertThat(details).containsEntry("session", alice.id()).containsEntry("authid", "alice").containsEntry("authrole", "user")
                .containsEntry("authmethod", "anonymous").containsEntry("authprovider", "static").containsKey("transport");
        assertThat(events.get(1).args()).containsExactly(alice.id(), "alice", "user");
    }

    @Test
    void subscriptionEventsFollowTheSubscribedReplyAndLeavingPrecedesOnLeave() {
        listen("wamp.subscription.on_create", "wamp.subscription.on_subscribe", "wamp.subscription.on_unsubscribe",
                "wamp.subscription.on_delete", "wamp.session.on_leave");
        Peer alice = realm.join("alice", "user");
        realm.send(alice, new Subscribe(alice.request(), Map.of("match", "prefix"), "chat"));
        long subscription = alice.out().only(Subscribed.class).subscription();
        realm.realm.leave(alice.session());

        List<Event> events = listener.out().messages(Event.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> created = (Map<String, Object>) events.get(0).args().get(1);
        assertThat(created).containsEntry("id", subscription).containsEntry("uri", "chat").containsEntry("match", "prefix")
                .containsEntry("created", "2026-01-02T03:04:05.678Z");
        assertThat(events()).containsExactly(
                "wamp.subscription.on_create " + List.of(alice.id(), created),
                "wamp.subscription.on_subscribe " + List.of(alice.id(), subscription),
                "wamp.subscription.on_unsubscribe " + List.of(alice.id(), subscription),
                "wamp.subscription.on_delete " + List.of(alice.id(), subscription),
                "wamp.session.on_leave " + List.of(alice.id(), "alice", "user"));
    }

    @Test
    void secondSubscriberProducesOnSubscribeOnly() {
        Peer alice = realm.join("alice", "user");
        Peer bob = realm.join("bob", "user");
        realm.send(alice, new Subscribe(alice.request(), Map.of(), "news"));
        listen("wamp.subscription.on_create", "wamp.subscription.on_subscribe");
        realm.send(bob, new Subscribe(bob.request(), Map.of(), "news"));
        assertThat(events()).hasSize(1).allMatch(e -> e.startsWith("wamp.subscription.on_subscribe"));
    }

    @Test
    void registrationEventsCarryTheInvocationPolicy() {
        listen("wamp.registration.on_create", "wamp.registration.on_register", "wamp.registration.on_unregister",
                "wamp.registration.on_delete");
        Peer callee = realm.join("callee", "service");
        realm.send(callee, new Register(callee.request(), Map.of("invoke", "roundrobin"), "com.add"));
        long registration = callee.out().only(Registered.class).registration();
        realm.realm.leave(callee.session());

        @SuppressWarnings("unchecked")
        Map<String, Object> created = (Map<String, Object>) listener.out().messages(Event.class).get(0).args().get(1);
        assertThat(created).containsEntry("id", registration).containsEntry("uri", "com.add").containsEntry("match", "exact")
                .containsEntry("invoke", "roundrobin");
        assertThat(events()).extracting(e -> e.split(" ")[0]).containsExactly("wamp.registration.on_create",
                "wamp.registration.on_register", "wamp.registration.on_unregister", "wamp.registration.on_delete");
    }

    @Test
    void subscriptionsToMetaTopicsProduceNoMetaEvents() {
        listen("wamp.subscription.on_create");
        Peer other = realm.join("other", "user");
        realm.send(other, new Subscribe(other.request(), Map.of(), "wamp.session.on_join"));
        assertThat(listener.out().messages(Event.class)).isEmpty();
    }

    @Test
    void sessionCountListAndGet() {
        Peer alice = realm.join("alice", "user");
        assertThat(call(alice, "wamp.session.count")).isEqualTo(2);
        assertThat(call(alice, "wamp.session.count", List.of("user"))).isEqualTo(1);
        assertThat(listCall(alice, "wamp.session.list")).containsExactlyInAnyOrder(alice.id(), listener.id());
        assertThat(listCall(alice, "wamp.session.list", List.of("listener"))).containsExactly(listener.id());
        assertThat(mapCall(alice, "wamp.session.get", listener.id())).containsEntry("authid", "listener");
    }

    @Test
    void sessionGetOfUnknownSessionIsNoSuchSession() {
        Object answer = call(listener, "wamp.session.get", 42L);
        assertThat(answer).isInstanceOf(Error.class);
        assertThat(((Error) answer).error()).isEqualTo("wamp.error.no_such_session");
        assertThat(((Error) answer).args().get(0).toString()).contains("42");
    }

    @Test
    void badArgumentsAreInvalidArgument() {
        Object answer = call(listener, "wamp.session.get", "not an id");
        assertThat(((Error) answer).error()).isEqualTo(WampErrors.INVALID_ARGUMENT);
    }

    @Test
    void killByAuthidAnswersTheKilledIdsThenEndsThem() {
        Peer a1 = realm.join("alice", "user");
        Peer a2 = realm.join("alice", "user");
        List<Object> killed = listCall(listener, "wamp.session.kill_by_authid", "alice");

        assertThat(killed).containsExactlyInAnyOrder(a1.id(), a2.id());
        assertThat(a1.goodbyes()).containsExactly(WampErrors.KILLED);
        assertThat(a2.goodbyes()).containsExactly(WampErrors.KILLED);
        assertThat(realm.realm.stats().sessions()).isEqualTo(1);
    }

    @Test
    void killWithReasonAndKillByAuthrole() {
        Peer alice = realm.join("alice", "user");
        Peer bob = realm.join("bob", "guest");
        realm.send(listener, new Call(listener.request(), Map.of(), "wamp.session.kill", List.of(alice.id()),
                Map.of("reason", "com.reason.bye", "message", "go")));
        assertThat(alice.goodbyes()).containsExactly("com.reason.bye");

        assertThat(listCall(listener, "wamp.session.kill_by_authrole", "guest")).containsExactly(bob.id());
        assertThat(bob.goodbyes()).containsExactly(WampErrors.KILLED);
        assertThat(((Error) call(listener, "wamp.session.kill", alice.id())).error()).isEqualTo("wamp.error.no_such_session");
    }

    @Test
    void subscriptionListLookupMatchGetAndSubscribers() {
        Peer alice = realm.join("alice", "user");
        realm.send(alice, new Subscribe(alice.request(), Map.of(), "chat.room1"));
        realm.send(alice, new Subscribe(alice.request(), Map.of("match", "prefix"), "chat"));
        long exact = alice.out().messages(Subscribed.class).get(0).subscription();
        long prefix = alice.out().messages(Subscribed.class).get(1).subscription();
        realm.send(listener, new Subscribe(listener.request(), Map.of(), "wamp.session.on_join"));

        Map<?, ?> list = mapCall(listener, "wamp.subscription.list");
        assertThat(list.get("exact")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly(exact);
        assertThat(list.get("prefix")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly(prefix);
        assertThat(list.get("wildcard")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).isEmpty();
        assertThat(call(listener, "wamp.subscription.lookup", "chat", Map.of("match", "prefix"))).isEqualTo(prefix);
        assertThat(call(listener, "wamp.subscription.lookup", "chat")).isNull();
        assertThat(listCall(listener, "wamp.subscription.match", "chat.room1")).containsExactlyInAnyOrder(exact, prefix);
        assertThat(call(listener, "wamp.subscription.match", "other")).isNull();
        assertThat(mapCall(listener, "wamp.subscription.get", exact)).containsEntry("uri", "chat.room1").containsEntry("match", "exact");
        assertThat(listCall(listener, "wamp.subscription.list_subscribers", exact)).containsExactly(alice.id());
        assertThat(call(listener, "wamp.subscription.count_subscribers", exact)).isEqualTo(1);
        assertThat(((Error) call(listener, "wamp.subscription.get", 7L)).error()).isEqualTo(WampErrors.NO_SUCH_SUBSCRIPTION);
    }

    @Test
    void removeSubscriberStopsItsEvents() {
        Peer alice = realm.join("alice", "user");
        Peer bob = realm.join("bob", "user");
        realm.send(alice, new Subscribe(alice.request(), Map.of(), "news"));
        long subscription = alice.out().only(Subscribed.class).subscription();

        assertThat(call(listener, "wamp.subscription.remove_subscriber", subscription, alice.id())).isNull();
        realm.send(bob, new Publish(bob.request(), Map.of(), "news", List.of(), Map.of()));
        assertThat(alice.out().messages(Event.class)).isEmpty();
        assertThat(realm.realm.stats().subscriptions()).isZero();
    }

    @Test
    void registrationListLookupMatchGetAndCallees() {
        Peer callee = realm.join("callee", "service");
        realm.send(callee, new Register(callee.request(), Map.of("match", "prefix", "invoke", "first"), "com.math"));
        long registration = callee.out().only(Registered.class).registration();

        Map<?, ?> list = mapCall(listener, "wamp.registration.list");
        assertThat(list.get("prefix")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly(registration);
        assertThat(mapCall(listener, "wamp.registration.list", callee.id())).isEqualTo(list);
        assertThat(call(listener, "wamp.registration.lookup", "com.math", Map.of("match", "prefix"))).isEqualTo(registration);
        assertThat(call(listener, "wamp.registration.match", "com.math.add")).isEqualTo(registration);
        assertThat(call(listener, "wamp.registration.match", "org.x")).isNull();
        assertThat(mapCall(listener, "wamp.registration.get", registration)).containsEntry("invoke", "first");
        assertThat(listCall(listener, "wamp.registration.list_callees", registration)).containsExactly(callee.id());
        assertThat(call(listener, "wamp.registration.count_callees", registration)).isEqualTo(1);
        assertThat(call(listener, "wamp.registration.remove_callee", registration, callee.id())).isNull();
        assertThat(realm.realm.stats().registrations()).isZero();
        assertThat(((Error) call(listener, "wamp.registration.get", registration)).error()).isEqualTo(WampErrors.NO_SUCH_REGISTRATION);
    }
}
