package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.WampErrors;
import io.natter.wamp.client.CallOptions;
import io.natter.wamp.client.CallResult;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.Registration;
import io.natter.wamp.client.Subscription;
import io.natter.wamp.client.WampClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The session, subscription and registration meta API with Crossbar.io's argument shapes: meta
 * events as a watching client sees them, meta procedures as any caller calls them.
 *
 * <p>Each step waits for the meta events it causes before the next one, so the expected order
 * of events is the order of steps.
 */
@QuarkusTest
@TestProfile(OpenRealm1.class)
class MetaIT extends RouterIT {

    private static final List<String> SUBSCRIPTION_EVENTS = List.of("wamp.subscription.on_create",
            "wamp.subscription.on_subscribe", "wamp.subscription.on_unsubscribe", "wamp.subscription.on_delete");
    private static final List<String> REGISTRATION_EVENTS = List.of("wamp.registration.on_create",
            "wamp.registration.on_register", "wamp.registration.on_unregister", "wamp.registration.on_delete");

    // ---------------------------------------------------------------- sessions

    @BothWires
    void onJoinCarriesTheSessionDetails(Wire wire) throws Exception {
        WampClient watcher = connect(wire);
        Inbox<Seen> events = watch(watcher, "wamp.session.on_join");

        WampClient joiner = connect(wire);

        Seen joined = events.next();
        assertThat(joined.args()).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) joined.args().get(0);
        assertThat(id(details.get("session"))).isEqualTo(sessionId(joiner));
        assertThat(details).containsEntry("authid", joiner.session().authid())
                .containsEntry("authrole", "anonymous")
                .containsEntry("authmethod", "anonymous")
                .containsEntry("authprovider", "static");
        assertThat(details.get("transport")).isInstanceOf(Map.class);
    }

    @BothWires
    void onLeaveCarriesSessionAuthidAndAuthrole(Wire wire) throws Exception {
        WampClient watcher = connect(wire);
        Inbox<Seen> events = watch(watcher, "wamp.session.on_leave");
        WampClient leaver = connect(wire);
        long session = sessionId(leaver);
        String authid = leaver.session().authid();

        await(leaver.close());

        Seen left = events.next();
        assertThat(left.args()).hasSize(3);
        assertThat(id(left.args().get(0))).isEqualTo(session);
        assertThat(left.args().subList(1, 3)).containsExactly(authid, "anonymous");
    }

    @BothWires
    void sessionCountListAndGet(Wire wire) throws Exception {
        WampClient caller = connect(wire);
        WampClient a = connect(wire);
        WampClient b = connect(wire);

        assertThat(call(caller, "wamp.session.count")).isEqualTo(3);
        assertThat(call(caller, "wamp.session.count", List.of("anonymous"))).isEqualTo(3);
        assertThat(call(caller, "wamp.session.count", List.of("nobody"))).isEqualTo(0);
        assertThat(ids(call(caller, "wamp.session.list"))).containsExactlyInAnyOrder(sessionId(caller), sessionId(a), sessionId(b));
        assertThat(ids(call(caller, "wamp.session.list", List.of("nobody")))).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) call(caller, "wamp.session.get", sessionId(a));
        assertThat(id(details.get("session"))).isEqualTo(sessionId(a));
        assertThat(details).containsEntry("authid", a.session().authid()).containsEntry("authrole", "anonymous")
                .containsEntry("authmethod", "anonymous");
        assertThat(awaitError(caller.call("wamp.session.get", List.of(4_242_424_242L))).error())
                .isEqualTo("wamp.error.no_such_session");
    }

    @BothWires
    void killEndsTheVictimsSessionWithKilled(Wire wire) throws Exception {
        WampClient killer = connect(wire);
        Inbox<Seen> events = watch(killer, "wamp.session.on_leave");
        WampClient victim = client(wire);
        CompletableFuture<String> leaveReason = new CompletableFuture<>();
        CompletableFuture<Boolean> disconnected = new CompletableFuture<>();
        victim.onLeave(leaveReason::complete).onDisconnect(() -> disconnected.complete(true));
        await(victim.connect());
        long victimId = sessionId(victim);

        CallResult result = await(killer.call("wamp.session.kill", List.of(victimId)));

        assertThat(result.args()).containsExactly((Object) null);
        assertThat(leaveReason.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(WampErrors.KILLED);
        assertThat(id(nextAbout(events, "wamp.session.on_leave", victimId).args().get(0))).isEqualTo(victimId);
        assertThat(disconnected.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(killer.isJoined()).isTrue();
    }

    @BothWires
    void killWithAReasonPassesItOn(Wire wire) throws Exception {
        WampClient killer = connect(wire);
        WampClient victim = client(wire);
        CompletableFuture<String> leaveReason = new CompletableFuture<>();
        victim.onLeave(leaveReason::complete);
        await(victim.connect());

        await(killer.call("wamp.session.kill", List.of(sessionId(victim)), Map.of("reason", "it.close.custom", "message", "bye"),
                CallOptions.defaults()));

        assertThat(leaveReason.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("it.close.custom");
    }

    @BothWires
    void killOfAnUnknownSessionFails(Wire wire) throws Exception {
        WampClient killer = connect(wire);

        assertThat(awaitError(killer.call("wamp.session.kill", List.of(4_242_424_242L))).error())
                .isEqualTo("wamp.error.no_such_session");
    }

    @BothWires
    void killByAuthidEndsEverySessionOfThatAuthid(Wire wire) throws Exception {
        WampClient killer = connect(wire);
        WampClient bystander = connect(wire);
        WampClient victim = client(wire);
        CompletableFuture<String> leaveReason = new CompletableFuture<>();
        victim.onLeave(leaveReason::complete);
        await(victim.connect());
        long victimId = sessionId(victim);

        Object killed = call(killer, "wamp.session.kill_by_authid", victim.session().authid());
        Object none = call(killer, "wamp.session.kill_by_authid", "no-such-authid");

        assertThat(ids(killed)).containsExactly(victimId);
        assertThat(ids(none)).isEmpty();
        assertThat(leaveReason.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(WampErrors.KILLED);
        assertThat(bystander.isJoined()).isTrue();
        assertThat(ids(call(killer, "wamp.session.list"))).containsExactlyInAnyOrder(sessionId(killer), sessionId(bystander));
    }

    // ---------------------------------------------------------------- subscriptions

    @BothWires
    void subscriptionLifecycleEvents(Wire wire) throws Exception {
        WampClient watcher = connect(wire);
        Inbox<Seen> events = watch(watcher, SUBSCRIPTION_EVENTS.toArray(String[]::new));
        WampClient s1 = connect(wire);
        WampClient s2 = connect(wire);
        long id1 = sessionId(s1);
        long id2 = sessionId(s2);

        Subscription first = await(s1.subscribe("it.meta.lifecycle", e -> { }));
        long sub = first.id();
        Seen created = events.next();
        assertThat(created.topic()).isEqualTo("wamp.subscription.on_create");
        assertThat(id(created.args().get(0))).isEqualTo(id1);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) created.args().get(1);
        assertThat(id(details.get("id"))).isEqualTo(sub);
        assertThat(details).containsEntry("uri", "it.meta.lifecycle").containsEntry("match", "exact");
        assertCreatedTimestamp(details.get("created"));
        assertThat(events.next()).isEqualTo(new Seen("wamp.subscription.on_subscribe", List.of(id1, sub), Map.of()).normalized());

        Subscription second = await(s2.subscribe("it.meta.lifecycle", e -> { }));
        assertThat(events.next()).as("no on_create for an existing subscription")
                .isEqualTo(new Seen("wamp.subscription.on_subscribe", List.of(id2, sub), Map.of()).normalized());

        await(s1.unsubscribe(first));
        assertThat(events.next()).isEqualTo(new Seen("wamp.subscription.on_unsubscribe", List.of(id1, sub), Map.of()).normalized());

        await(s2.unsubscribe(second));
        assertThat(events.next()).isEqualTo(new Seen("wamp.subscription.on_unsubscribe", List.of(id2, sub), Map.of()).normalized());
        assertThat(events.next()).isEqualTo(new Seen("wamp.subscription.on_delete", List.of(id2, sub), Map.of()).normalized());
    }

    @BothWires
    void subscriptionProcedures(Wire wire) throws Exception {
        WampClient caller = connect(wire);
        WampClient s1 = connect(wire);
        WampClient s2 = connect(wire);
        long exact = await(s1.subscribe("it.meta.sub.a", e -> { })).id();
        long prefix = await(s1.subscribe("it.meta.sub", Map.of("match", "prefix"), e -> { })).id();
        long wildcard = await(s1.subscribe("it.meta..a", Map.of("match", "wildcard"), e -> { })).id();
        assertThat(await(s2.subscribe("it.meta.sub.a", e -> { })).id()).isEqualTo(exact);

        assertThat(normalizeLists(call(caller, "wamp.subscription.list")))
                .isEqualTo(Map.of("exact", List.of(exact), "prefix", List.of(prefix), "wildcard", List.of(wildcard)));
        assertThat(normalizeLists(call(caller, "wamp.subscription.list", sessionId(s2))))
                .isEqualTo(Map.of("exact", List.of(exact), "prefix", List.of(), "wildcard", List.of()));
        assertThat(id(call(caller, "wamp.subscription.lookup", "it.meta.sub.a"))).isEqualTo(exact);
        assertThat(id(call(caller, "wamp.subscription.lookup", "it.meta.sub", Map.of("match", "prefix")))).isEqualTo(prefix);
        assertThat(call(caller, "wamp.subscription.lookup", "it.meta.nothing")).isNull();
        assertThat(ids(call(caller, "wamp.subscription.match", "it.meta.sub.a"))).containsExactlyInAnyOrder(exact, prefix, wildcard);
        assertThat(call(caller, "wamp.subscription.match", "it.other")).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) call(caller, "wamp.subscription.get", prefix);
        assertThat(id(details.get("id"))).isEqualTo(prefix);
        assertThat(details).containsEntry("uri", "it.meta.sub").containsEntry("match", "prefix");
        assertCreatedTimestamp(details.get("created"));
        assertThat(awaitError(caller.call("wamp.subscription.get", List.of(4_242_424_242L))).error())
                .isEqualTo(WampErrors.NO_SUCH_SUBSCRIPTION);
        assertThat(ids(call(caller, "wamp.subscription.list_subscribers", exact))).containsExactlyInAnyOrder(sessionId(s1), sessionId(s2));
        assertThat(call(caller, "wamp.subscription.count_subscribers", exact)).isEqualTo(2);
        assertThat(call(caller, "wamp.subscription.count_subscribers", prefix)).isEqualTo(1);
    }

    @BothWires
    void removeSubscriberRevokesTheSubscription(Wire wire) throws Exception {
        WampClient caller = connect(wire);
        Inbox<Seen> meta = watch(caller, "wamp.subscription.on_unsubscribe");
        WampClient kept = connect(wire);
        WampClient removed = connect(wire);
        Inbox<EventDetails> toKept = new Inbox<>();
        Inbox<EventDetails> toRemoved = new Inbox<>();
        await(kept.subscribe("it.meta.revoke", toKept));
        Subscription revoked = await(removed.subscribe("it.meta.revoke", toRemoved));
        await(removed.subscribe("it.meta.revoke.marker", toRemoved));
        long sub = revoked.id();

        call(caller, "wamp.subscription.remove_subscriber", sub, sessionId(removed));

        assertThat(meta.next()).isEqualTo(new Seen("wamp.subscription.on_unsubscribe", List.of(sessionId(removed), sub), Map.of()).normalized());
        assertThat(call(caller, "wamp.subscription.count_subscribers", sub)).isEqualTo(1);
        caller.publish("it.meta.revoke", List.of("after"));
        caller.publish("it.meta.revoke.marker", List.of("marker"));
        assertThat(toKept.next().args()).containsExactly("after");
        assertThat(toRemoved.next().args()).as("the removed subscriber gets nothing more").containsExactly("marker");
        assertThat(awaitError(caller.call("wamp.subscription.remove_subscriber", List.of(sub, sessionId(removed)))).error())
                .isEqualTo(WampErrors.NO_SUCH_SUBSCRIPTION);
    }

    // ---------------------------------------------------------------- registrations

    @BothWires
    void registrationLifecycleEvents(Wire wire) throws Exception {
        WampClient watcher = connect(wire);
        Inbox<Seen> events = watch(watcher, REGISTRATION_EVENTS.toArray(String[]::new));
        WampClient c1 = connect(wire);
        WampClient c2 = connect(wire);
        long id1 = sessionId(c1);
        long id2 = sessionId(c2);

        Registration first = await(c1.register("it.meta.proc", Map.of("invoke", "roundrobin"), MetaIT::answer));
        long reg = first.id();
        Seen created = events.next();
        assertThat(created.topic()).isEqualTo("wamp.registration.on_create");
        assertThat(id(created.args().get(0))).isEqualTo(id1);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) created.args().get(1);
        assertThat(id(details.get("id"))).isEqualTo(reg);
        assertThat(details).containsEntry("uri", "it.meta.proc").containsEntry("match", "exact").containsEntry("invoke", "roundrobin");
        assertCreatedTimestamp(details.get("created"));
        assertThat(events.next()).isEqualTo(new Seen("wamp.registration.on_register", List.of(id1, reg), Map.of()).normalized());

        Registration second = await(c2.register("it.meta.proc", Map.of("invoke", "roundrobin"), MetaIT::answer));
        assertThat(events.next()).isEqualTo(new Seen("wamp.registration.on_register", List.of(id2, reg), Map.of()).normalized());

        await(c1.unregister(first));
        assertThat(events.next()).isEqualTo(new Seen("wamp.registration.on_unregister", List.of(id1, reg), Map.of()).normalized());

        await(c2.unregister(second));
        assertThat(events.next()).isEqualTo(new Seen("wamp.registration.on_unregister", List.of(id2, reg), Map.of()).normalized());
        assertThat(events.next()).isEqualTo(new Seen("wamp.registration.on_delete", List.of(id2, reg), Map.of()).normalized());
    }

    @BothWires
    void registrationProcedures(Wire wire) throws Exception {
        WampClient caller = connect(wire);
        WampClient c1 = connect(wire);
        WampClient c2 = connect(wire);
        long exact = await(c1.register("it.meta.rpc.a", Map.of("invoke", "first"), MetaIT::answer)).id();
        long prefix = await(c1.register("it.meta.rpc", Map.of("match", "prefix"), MetaIT::answer)).id();
        long wildcard = await(c1.register("it.meta..a", Map.of("match", "wildcard"), MetaIT::answer)).id();
        assertThat(await(c2.register("it.meta.rpc.a", Map.of("invoke", "first"), MetaIT::answer)).id()).isEqualTo(exact);

        assertThat(normalizeLists(call(caller, "wamp.registration.list")))
                .isEqualTo(Map.of("exact", List.of(exact), "prefix", List.of(prefix), "wildcard", List.of(wildcard)));
        assertThat(normalizeLists(call(caller, "wamp.registration.list", sessionId(c2))))
                .isEqualTo(Map.of("exact", List.of(exact), "prefix", List.of(), "wildcard", List.of()));
        assertThat(id(call(caller, "wamp.registration.lookup", "it.meta.rpc.a"))).isEqualTo(exact);
        assertThat(id(call(caller, "wamp.registration.lookup", "it.meta.rpc", Map.of("match", "prefix")))).isEqualTo(prefix);
        assertThat(call(caller, "wamp.registration.lookup", "it.meta.rpc")).as("no exact registration of the prefix").isNull();
        assertThat(id(call(caller, "wamp.registration.match", "it.meta.rpc.a"))).isEqualTo(exact);
        assertThat(id(call(caller, "wamp.registration.match", "it.meta.rpc.b"))).isEqualTo(prefix);
        assertThat(id(call(caller, "wamp.registration.match", "it.meta.x.a"))).isEqualTo(wildcard);
        assertThat(call(caller, "wamp.registration.match", "it.other")).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) call(caller, "wamp.registration.get", exact);
        assertThat(id(details.get("id"))).isEqualTo(exact);
        assertThat(details).containsEntry("uri", "it.meta.rpc.a").containsEntry("match", "exact").containsEntry("invoke", "first");
        assertCreatedTimestamp(details.get("created"));
        assertThat(awaitError(caller.call("wamp.registration.get", List.of(4_242_424_242L))).error())
                .isEqualTo(WampErrors.NO_SUCH_REGISTRATION);
        assertThat(ids(call(caller, "wamp.registration.list_callees", exact))).containsExactlyInAnyOrder(sessionId(c1), sessionId(c2));
        assertThat(call(caller, "wamp.registration.count_callees", exact)).isEqualTo(2);
        assertThat(call(caller, "wamp.registration.count_callees", wildcard)).isEqualTo(1);
    }

    @BothWires
    void removeCalleeRevokesTheRegistration(Wire wire) throws Exception {
        WampClient caller = connect(wire);
        Inbox<Seen> meta = watch(caller, "wamp.registration.on_unregister");
        WampClient removed = connect(wire);
        WampClient kept = connect(wire);
        Registration revoked = await(removed.register("it.meta.revoked", Map.of("invoke", "first"),
                ctx -> Future.succeededFuture(CallResult.of("removed"))));
        await(kept.register("it.meta.revoked", Map.of("invoke", "first"), ctx -> Future.succeededFuture(CallResult.of("kept"))));
        long reg = revoked.id();
        assertThat(await(caller.call("it.meta.revoked", List.of())).args()).containsExactly("removed");

        call(caller, "wamp.registration.remove_callee", reg, sessionId(removed));

        assertThat(meta.next()).isEqualTo(new Seen("wamp.registration.on_unregister", List.of(sessionId(removed), reg), Map.of()).normalized());
        assertThat(await(caller.call("it.meta.revoked", List.of())).args()).containsExactly("kept");
        assertThat(call(caller, "wamp.registration.count_callees", reg)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- leaving

    @BothWires
    void aLeavingSessionsUnsubscribeAndDeleteEventsPrecedeItsLeave(Wire wire) throws Exception {
        WampClient watcher = connect(wire);
        List<String> topics = new ArrayList<>(List.of("wamp.subscription.on_unsubscribe", "wamp.subscription.on_delete",
                "wamp.registration.on_unregister", "wamp.registration.on_delete", "wamp.session.on_leave"));
        Inbox<Seen> events = watch(watcher, topics.toArray(String[]::new));
        WampClient leaver = connect(wire);
        long session = sessionId(leaver);
        String authid = leaver.session().authid();
        long sub = await(leaver.subscribe("it.meta.leaving", e -> { })).id();
        long reg = await(leaver.register("it.meta.leaving", Map.of(), MetaIT::answer)).id();

        await(leaver.close());

        List<Seen> seen = new ArrayList<>();
        Seen next;
        do {
            next = events.next();
            seen.add(next);
        } while (!next.topic().equals("wamp.session.on_leave"));
        assertThat(seen).containsExactlyInAnyOrder(
                new Seen("wamp.subscription.on_unsubscribe", List.of(session, sub), Map.of()).normalized(),
                new Seen("wamp.subscription.on_delete", List.of(session, sub), Map.of()).normalized(),
                new Seen("wamp.registration.on_unregister", List.of(session, reg), Map.of()).normalized(),
                new Seen("wamp.registration.on_delete", List.of(session, reg), Map.of()).normalized(),
                new Seen("wamp.session.on_leave", List.of(session, authid, "anonymous"), Map.of()).normalized());
        assertThat(seen.get(seen.size() - 1).topic()).isEqualTo("wamp.session.on_leave");
        assertThat(topicIndex(seen, "wamp.subscription.on_unsubscribe")).isLessThan(topicIndex(seen, "wamp.subscription.on_delete"));
        assertThat(topicIndex(seen, "wamp.registration.on_unregister")).isLessThan(topicIndex(seen, "wamp.registration.on_delete"));
    }

    @BothWires
    void goodbyeLeavesAndTheSameConnectionMayJoinAgain(Wire wire) throws Exception {
        WampClient watcher = connect(wire);
        Inbox<Seen> events = watch(watcher, "wamp.session.on_join", "wamp.session.on_leave");
        RawPeer peer = raw(wire);
        long first = peer.join(REALM).session();
        assertThat(events.next().topic()).isEqualTo("wamp.session.on_join");
        peer.send(new io.natter.wamp.message.Subscribe(1, Map.of(), "it.meta.goodbye"));
        peer.expect(io.natter.wamp.message.Subscribed.class);

        peer.send(new io.natter.wamp.message.Goodbye(Map.of(), WampErrors.CLOSE_REALM));

        assertThat(peer.expect(io.natter.wamp.message.Goodbye.class).reason()).isEqualTo(WampErrors.GOODBYE_AND_OUT);
        Seen left = events.next();
        assertThat(left.topic()).isEqualTo("wamp.session.on_leave");
        assertThat(left.args().get(0)).isEqualTo(first);
        assertThat(registry.stats(REALM).subscriptions()).as("the watcher's meta subscriptions only").isEqualTo(2);
        long second = peer.join(REALM).session();
        assertThat(second).isNotEqualTo(first);
        peer.send(new io.natter.wamp.message.Subscribe(1, Map.of(), "it.meta.goodbye"));
        assertThat(peer.expect(io.natter.wamp.message.Subscribed.class).request()).as("request IDs start over").isEqualTo(1);
        assertThat(peer.isClosed()).isFalse();
    }

    // ---------------------------------------------------------------- helpers

    /** Subscribes {@code watcher} to each meta topic; events of all of them land in one inbox, in arrival order. */
    private static Inbox<Seen> watch(WampClient watcher, String... topics) throws Exception {
        Inbox<Seen> inbox = new Inbox<>();
        for (String topic : topics) {
            await(watcher.subscribe(topic, event -> inbox.accept(Seen.of(event).normalized())));
        }
        return inbox;
    }

    /** The next event on {@code topic} whose first argument is {@code session}, skipping others. */
    private static Seen nextAbout(Inbox<Seen> inbox, String topic, long session) throws InterruptedException {
        while (true) {
            Seen seen = inbox.next();
            if (seen.topic().equals(topic) && !seen.args().isEmpty() && seen.args().get(0) instanceof Long id && id == session) {
                return seen;
            }
        }
    }

    /** Calls a meta procedure and returns its single result argument. */
    private static Object call(WampClient caller, String procedure, Object... args) throws Exception {
        CallResult result = await(caller.call(procedure, Arrays.asList(args)));
        assertThat(result.args()).as("%s answers with one argument", procedure).hasSize(1);
        return result.args().get(0);
    }

    private static Future<CallResult> answer(io.natter.wamp.client.InvocationContext ctx) {
        return Future.succeededFuture(CallResult.of("answer"));
    }

    /** A list of IDs as longs, whatever integer type the serializer produced. */
    private static List<Long> ids(Object list) {
        assertThat(list).isInstanceOf(List.class);
        return idList(list);
    }

    private static List<Long> idList(Object list) {
        List<Long> ids = new ArrayList<>();
        for (Object item : (List<?>) list) {
            ids.add(id(item));
        }
        return ids;
    }

    /** A dict of ID lists with longs. */
    private static Map<String, Object> normalizeLists(Object dict) {
        assertThat(dict).isInstanceOf(Map.class);
        Map<String, Object> normalized = new java.util.LinkedHashMap<>();
        ((Map<?, ?>) dict).forEach((k, v) -> normalized.put((String) k, idList(v)));
        return normalized;
    }

    private static int topicIndex(List<Seen> seen, String topic) {
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i).topic().equals(topic)) {
                return i;
            }
        }
        return -1;
    }

    /** Crossbar reports {@code created} as an ISO 8601 UTC timestamp string. */
    private static void assertCreatedTimestamp(Object created) {
        assertThat(created).isInstanceOf(String.class);
        Instant when = Instant.parse((String) created);
        assertThat(when).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
    }
}
