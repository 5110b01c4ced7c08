package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.WampErrors;
import io.natter.wamp.client.CallResult;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.InvocationContext;
import io.natter.wamp.client.Subscription;
import io.natter.wamp.client.WampClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pattern-based subscriptions and registrations: {@code prefix} matches URIs that start with the
 * pattern's characters (Crossbar's semantics: {@code a.b} matches {@code a.bc}), {@code wildcard}
 * matches component by component with empty components matching any one component; the concrete
 * URI travels in {@code details.topic} / {@code details.procedure}; a call goes to the exact
 * registration, else the longest matching prefix, else a wildcard.
 */
@QuarkusTest
class PatternIT extends RouterIT {

    private static final Map<String, Object> PREFIX = Map.of("match", "prefix");
    private static final Map<String, Object> WILDCARD = Map.of("match", "wildcard");

    @BothWires
    void prefixSubscriptionMatchesByCharacterPrefix(Wire wire) throws Exception {
        WampClient subscriber = connect(wire);
        WampClient publisher = connect(wire);
        Inbox<EventDetails> events = new Inbox<>();
        Subscription prefix = await(subscriber.subscribe("it.pattern.pre", PREFIX, events));

        for (String topic : List.of("it.pattern.pre", "it.pattern.pre.a", "it.pattern.prefixed", "it.pattern.pre.a.b.c",
                "it.pattern.pr", "it.pattern", "it.other.pre.a", "it.pattern.pre.marker")) {
            publisher.publish(topic, List.of(topic));
        }

        List<String> topics = topicsUntil(events, "it.pattern.pre.marker");
        assertThat(topics).containsExactly("it.pattern.pre", "it.pattern.pre.a", "it.pattern.prefixed", "it.pattern.pre.a.b.c");
        assertThat(prefix.id()).isPositive();
    }

    @BothWires
    void eventsOfPatternSubscriptionsCarryTheConcreteTopic(Wire wire) throws Exception {
        WampClient subscriber = connect(wire);
        WampClient publisher = connect(wire);
        Inbox<EventDetails> events = new Inbox<>();
        Subscription wildcard = await(subscriber.subscribe("it.pattern..concrete", WILDCARD, events));

        publisher.publish("it.pattern.x.concrete", List.of("payload"), Map.of("k", 1), Map.of());

        EventDetails event = events.next();
        assertThat(event.subscription()).isSameAs(wildcard);
        assertThat(event.details()).containsEntry("topic", "it.pattern.x.concrete");
        assertThat(event.args()).containsExactly("payload");
        assertThat(event.kwargs()).containsExactly(Map.entry("k", 1));
    }

    @BothWires
    void wildcardSubscriptionMatchesComponentCount(Wire wire) throws Exception {
        WampClient subscriber = connect(wire);
        WampClient publisher = connect(wire);
        Inbox<EventDetails> events = new Inbox<>();
        await(subscriber.subscribe("it.wild..end", WILDCARD, events));
        await(subscriber.subscribe("it.wild.marker", events));

        for (String topic : List.of("it.wild.a.end", "it.wild.a.b.end", "it.wild.end", "it.wild.a.endx",
                "it.wild.bb.end", "it.wild.a.end.more", "it.wildx.a.end", "it.wild.marker")) {
            publisher.publish(topic, List.of(topic));
        }

        assertThat(topicsUntil(events, "it.wild.marker")).containsExactly("it.wild.a.end", "it.wild.bb.end");
    }

    @BothWires
    void wildcardWithSeveralEmptyComponents(Wire wire) throws Exception {
        WampClient subscriber = connect(wire);
        WampClient publisher = connect(wire);
        Inbox<EventDetails> events = new Inbox<>();
        await(subscriber.subscribe("it.multi...", WILDCARD, events));
        await(subscriber.subscribe("it.multi.marker", events));

        for (String topic : List.of("it.multi.a.b.c", "it.multi.a.b", "it.multi.a.b.c.d", "it.multi.x.y.z", "it.multi.marker")) {
            publisher.publish(topic, List.of(topic));
        }

        assertThat(topicsUntil(events, "it.multi.marker")).containsExactly("it.multi.a.b.c", "it.multi.x.y.z");
    }

    @BothWires
    void oneSessionWithExactAndPatternSubscriptionsGetsOneEventPerSubscription(Wire wire) throws Exception {
        WampClient subscriber = connect(wire);
        WampClient publisher = connect(wire);
        Inbox<EventDetails> exactEvents = new Inbox<>();
        Inbox<EventDetails> prefixEvents = new Inbox<>();
        Inbox<EventDetails> wildcardEvents = new Inbox<>();
        Subscription exact = await(subscriber.subscribe("it.overlap.a.b", exactEvents));
        Subscription prefix = await(subscriber.subscribe("it.overlap.a", PREFIX, prefixEvents));
        Subscription wildcard = await(subscriber.subscribe("it.overlap..b", WILDCARD, wildcardEvents));

        publisher.publish("it.overlap.a.b", List.of("all three"));

        assertThat(List.of(exact.id(), prefix.id(), wildcard.id())).doesNotHaveDuplicates();
        assertThat(exactEvents.next().subscription()).isSameAs(exact);
        EventDetails byPrefix = prefixEvents.next();
        assertThat(byPrefix.subscription()).isSameAs(prefix);
        assertThat(byPrefix.details()).containsEntry("topic", "it.overlap.a.b");
        EventDetails byWildcard = wildcardEvents.next();
        assertThat(byWildcard.subscription()).isSameAs(wildcard);
        assertThat(byWildcard.details()).containsEntry("topic", "it.overlap.a.b");
        assertThat(registry.stats(REALM).subscriptions()).isEqualTo(3);
    }

    @BothWires
    void prefixAndWildcardRegistrationsSeeTheCalledProcedure(Wire wire) throws Exception {
        WampClient callee = connect(wire);
        WampClient caller = connect(wire);
        await(callee.register("it.rpc.pre", PREFIX, echoProcedure("prefix")));
        await(callee.register("it.rpc..wild", WILDCARD, echoProcedure("wildcard")));

        CallResult byPrefix = await(caller.call("it.rpc.pre.x.y", List.of(1)));
        CallResult byCharacterPrefix = await(caller.call("it.rpc.prelude", List.of(2)));
        CallResult byWildcard = await(caller.call("it.rpc.any.wild", List.of(3)));

        assertThat(byPrefix.args()).containsExactly("prefix", "it.rpc.pre.x.y", 1);
        assertThat(byCharacterPrefix.args()).containsExactly("prefix", "it.rpc.prelude", 2);
        assertThat(byWildcard.args()).containsExactly("wildcard", "it.rpc.any.wild", 3);
        assertThat(awaitError(caller.call("it.rpc.any.wild.more", List.of())).error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
        assertThat(awaitError(caller.call("it.rpc.pr", List.of())).error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
    }

    @BothWires
    void callsGoToExactThenLongestPrefixThenWildcard(Wire wire) throws Exception {
        WampClient callee = connect(wire);
        WampClient caller = connect(wire);
        await(callee.register("it.prec.x.y", Map.of(), echoProcedure("exact")));
        await(callee.register("it.prec.x.y", PREFIX, echoProcedure("long prefix")));
        await(callee.register("it.prec.x", PREFIX, echoProcedure("short prefix")));
        await(callee.register("it.prec..y", WILDCARD, echoProcedure("wildcard ..y")));
        await(callee.register("it.prec.x.", WILDCARD, echoProcedure("wildcard x.")));

        assertThat(await(caller.call("it.prec.x.y", List.of())).args().get(0)).isEqualTo("exact");
        assertThat(await(caller.call("it.prec.x.y.z", List.of())).args().get(0)).isEqualTo("long prefix");
        assertThat(await(caller.call("it.prec.x.yz", List.of())).args().get(0)).isEqualTo("long prefix");
        assertThat(await(caller.call("it.prec.x.q", List.of())).args().get(0)).isEqualTo("short prefix");
        assertThat(await(caller.call("it.prec.w.y", List.of())).args().get(0)).isEqualTo("wildcard ..y");
        assertThat(awaitError(caller.call("it.prec.w.q", List.of())).error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
        assertThat(registry.stats(REALM).registrations()).isEqualTo(5);
    }

    @BothWires
    void exactRegistrationDoesNotSeeAProcedureDetail(Wire wire) throws Exception {
        WampClient callee = connect(wire);
        WampClient caller = connect(wire);
        List<Map<String, Object>> details = new ArrayList<>();
        await(callee.register("it.exact.details", Map.of(), ctx -> {
            details.add(ctx.details());
            return Future.succeededFuture(CallResult.of("ok"));
        }));

        assertThat(await(caller.call("it.exact.details", List.of())).args()).containsExactly("ok");

        assertThat(details).hasSize(1);
        assertThat(details.get(0)).doesNotContainKey("procedure");
    }

    /** A handler answering [label, details.procedure, args...]. */
    private static Function<InvocationContext, Future<CallResult>> echoProcedure(String label) {
        return ctx -> {
            List<Object> result = new ArrayList<>();
            result.add(label);
            result.add(ctx.details().get("procedure"));
            result.addAll(ctx.args());
            return Future.succeededFuture(CallResult.of(result, Map.of()));
        };
    }

    /** The topics of events up to the one on {@code marker}, which must come. */
    private static List<String> topicsUntil(Inbox<EventDetails> inbox, String marker) throws InterruptedException {
        List<String> topics = new ArrayList<>();
        while (true) {
            EventDetails event = inbox.next();
            String published = (String) event.args().get(0);
            if (published.equals(marker)) {
                return topics;
            }
            assertThat(event.topic()).isEqualTo(published);
            topics.add(published);
        }
    }
}
