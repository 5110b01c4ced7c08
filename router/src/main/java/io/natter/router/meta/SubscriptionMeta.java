package io.natter.router.meta;

import io.natter.router.broker.Broker;
import io.natter.router.broker.Subscription;
import io.natter.router.dealer.Dealer;
import io.natter.router.dealer.LocalProcedure.Outcome;
import io.natter.router.dealer.ProcedureException;
import io.natter.router.realm.Realm;
import io.natter.router.session.Session;
import io.natter.wamp.WampErrors;
import io.natter.wamp.uri.MatchPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscription meta procedures with Crossbar.io's shapes: {@code list([session])} →
 * {@code {exact: [...], prefix: [...], wildcard: [...]}}, {@code lookup(topic, {match})} → ID or
 * null, {@code match(topic)} → [IDs] or null, {@code get(id)} → {@code {id, created, uri, match}},
 * {@code list_subscribers(id)} → [session IDs], {@code count_subscribers(id)} → int,
 * {@code remove_subscriber(id, session, reason?)}. Subscriptions on {@code wamp.*} are hidden from
 * listings and refused with {@code wamp.error.not_authorized} elsewhere, as Crossbar does.
 */
final class SubscriptionMeta {

    private final Realm realm;
    private final Broker broker;

    SubscriptionMeta(Realm realm) {
        this.realm = realm;
        this.broker = realm.broker();
    }

    void install(Dealer dealer) {
        dealer.addLocalProcedure("wamp.subscription.list", (caller, args, kwargs) -> {
            Long sessionId = MetaArgs.optionalId(args, 0, kwargs, "session_id");
            Session session = null;
            if (sessionId != null) {
                session = realm.session(sessionId);
                if (session == null) {
                    throw new ProcedureException(WampErrors.NO_SUCH_SESSION, "no session with ID " + sessionId + " exists on this router");
                }
            }
            return Outcome.of(byPolicy(broker.subscriptions().list(session)));
        });
        dealer.addLocalProcedure("wamp.subscription.lookup", (caller, args, kwargs) -> {
            String topic = MetaArgs.string(args, 0, "topic");
            MatchPolicy policy = policy(MetaArgs.optionalDict(args, 1, kwargs, "options"));
            Subscription subscription = broker.subscriptions().lookup(topic, policy);
            return Outcome.of(subscription == null || MetaEvents.isProtected(subscription.uri()) ? null : subscription.id());
        });
        dealer.addLocalProcedure("wamp.subscription.match", (caller, args, kwargs) -> {
            List<Long> ids = new ArrayList<>();
            for (Subscription subscription : broker.subscriptions().matchAll(MetaArgs.string(args, 0, "topic"))) {
                if (!MetaEvents.isProtected(subscription.uri())) {
                    ids.add(subscription.id());
                }
            }
            return Outcome.of(ids.isEmpty() ? null : ids);
        });
        dealer.addLocalProcedure("wamp.subscription.get", (caller, args, kwargs) ->
                Outcome.of(existing(MetaArgs.id(args, 0, "subscription")).details()));
        dealer.addLocalProcedure("wamp.subscription.list_subscribers", (caller, args, kwargs) -> {
            List<Long> ids = new ArrayList<>();
            for (Session subscriber : existing(MetaArgs.id(args, 0, "subscription")).observers()) {
                ids.add(subscriber.id());
            }
            return Outcome.of(ids);
        });
        dealer.addLocalProcedure("wamp.subscription.count_subscribers", (caller, args, kwargs) ->
                Outcome.of(existing(MetaArgs.id(args, 0, "subscription")).observers().length));
        dealer.addLocalProcedure("wamp.subscription.remove_subscriber", (caller, args, kwargs) -> {
            Subscription subscription = existing(MetaArgs.id(args, 0, "subscription"));
            long subscriberId = MetaArgs.id(args, 1, "subscriber");
            String reason = MetaArgs.optionalString(args, 2, kwargs, "reason");
            Session subscriber = realm.session(subscriberId);
            if (subscriber == null) {
                throw new ProcedureException(WampErrors.NO_SUCH_SESSION, "no session with ID " + subscriberId + " exists on this router");
            }
            if (!broker.subscriptions().revoke(subscription, subscriber, reason)) {
                throw new ProcedureException(WampErrors.NO_SUCH_SUBSCRIPTION,
                        "session " + subscriberId + " is not subscribed on subscription " + subscription.id());
            }
            return Outcome.of(null);
        });
    }

    private Subscription existing(long id) throws ProcedureException {
        Subscription subscription = broker.subscriptions().get(id);
        if (subscription == null) {
            throw new ProcedureException(WampErrors.NO_SUCH_SUBSCRIPTION, "no subscription with ID " + id + " exists on this broker");
        }
        if (MetaEvents.isProtected(subscription.uri())) {
            throw new ProcedureException(WampErrors.NOT_AUTHORIZED, "not authorized to inspect the subscription of protected URI '" + subscription.uri() + "'");
        }
        return subscription;
    }

    static MatchPolicy policy(Map<String, Object> options) throws ProcedureException {
        Object match = options.getOrDefault("match", MatchPolicy.EXACT.wireName());
        if (match instanceof String name) {
            var policy = MatchPolicy.fromWire(name);
            if (policy.isPresent()) {
                return policy.get();
            }
        }
        throw new ProcedureException(WampErrors.INVALID_ARGUMENT, "options.match must be exact, prefix or wildcard");
    }

    private static Map<String, Object> byPolicy(List<Subscription> subscriptions) {
        Map<String, List<Long>> lists = new LinkedHashMap<>();
        for (MatchPolicy policy : MatchPolicy.values()) {
            lists.put(policy.wireName(), new ArrayList<>());
        }
        for (Subscription subscription : subscriptions) {
            if (!MetaEvents.isProtected(subscription.uri())) {
                lists.get(subscription.policy().wireName()).add(subscription.id());
            }
        }
        return new LinkedHashMap<>(lists);
    }
}
