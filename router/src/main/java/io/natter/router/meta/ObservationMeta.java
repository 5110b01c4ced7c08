package io.natter.router.meta;

import io.natter.router.broker.Subscription;
import io.natter.router.dealer.Dealer;
import io.natter.router.dealer.LocalProcedure.Outcome;
import io.natter.router.dealer.ProcedureException;
import io.natter.router.dealer.Registration;
import io.natter.router.observe.Observation;
import io.natter.router.observe.ObservationKind;
import io.natter.router.observe.Observations;
import io.natter.router.peer.Session;
import io.natter.wamp.WampErrors;
import io.natter.wamp.uri.MatchPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The subscription or registration meta procedures, which share Crossbar.io's shapes:
 *
 * <ul>
 *   <li>{@code wamp.subscription.list([session])}, {@code wamp.registration.list([session])} →
 *       {@code {exact: [...], prefix: [...], wildcard: [...]}};
 *   <li>{@code lookup(topic|procedure, {match})} → ID or null;
 *   <li>{@code match(topic)} → [IDs] or null; {@code match(procedure)} → the ID a call would go
 *       to, or null;
 *   <li>{@code get(id)} → {@code {id, created, uri, match}}, registrations with {@code invoke};
 *   <li>{@code list_subscribers(id)}, {@code list_callees(id)} → [session IDs];
 *       {@code count_subscribers(id)}, {@code count_callees(id)} → int;
 *   <li>{@code remove_subscriber(id, session, reason?)}, {@code remove_callee(id, session, reason?)}.
 * </ul>
 *
 * <p>Subscriptions and registrations on {@code wamp.*} are hidden from listings and refused with
 * {@code wamp.error.not_authorized} elsewhere, as Crossbar does. The procedures run on the
 * caller's thread; each query takes the realm lock once.
 */
final class ObservationMeta<T extends Observation> {

    private final MetaRealm realm;
    private final Observations<T> observations;
    private final ObservationKind kind;
    private final String uriName;
    private final String owner;
    private final String observing;
    private final Function<String, Object> match;

    private ObservationMeta(MetaRealm realm, Observations<T> observations, ObservationKind kind, String uriName, String owner,
            String observing, Function<String, Object> match) {
        this.realm = realm;
        this.observations = observations;
        this.kind = kind;
        this.uriName = uriName;
        this.owner = owner;
        this.observing = observing;
        this.match = match;
    }

    /** The {@code wamp.subscription.*} procedures of {@code realm}. */
    static ObservationMeta<Subscription> subscriptions(MetaRealm realm) {
        Observations<Subscription> subscriptions = realm.broker().subscriptions();
        return new ObservationMeta<>(realm, subscriptions, ObservationKind.SUBSCRIPTION, "topic", "broker", "subscribed",
                topic -> {
                    List<Long> ids = visibleIds(subscriptions.matchAll(topic));
                    return ids.isEmpty() ? null : ids;
                });
    }

    /** The {@code wamp.registration.*} procedures of {@code realm}. */
    static ObservationMeta<Registration> registrations(MetaRealm realm) {
        Observations<Registration> registrations = realm.dealer().registrations();
        return new ObservationMeta<>(realm, registrations, ObservationKind.REGISTRATION, "procedure", "dealer", "registered",
                procedure -> visibleId(registrations.bestMatch(procedure)));
    }

    void install(Dealer dealer) {
        String prefix = "wamp." + kind.noun() + ".";
        String observer = kind.role();
        dealer.addLocalProcedure(prefix + "list", (caller, args, kwargs) ->
                Outcome.of(byPolicy(observations.list(session(MetaArgs.optionalId(args, 0, kwargs, "session_id"))))));
        dealer.addLocalProcedure(prefix + "lookup", (caller, args, kwargs) -> {
            String uri = MetaArgs.string(args, 0, uriName);
            MatchPolicy policy = policy(MetaArgs.optionalDict(args, 1, kwargs, "options"));
            return Outcome.of(visibleId(observations.lookup(uri, policy)));
        });
        dealer.addLocalProcedure(prefix + "match", (caller, args, kwargs) ->
                Outcome.of(match.apply(MetaArgs.string(args, 0, uriName))));
        dealer.addLocalProcedure(prefix + "get", (caller, args, kwargs) ->
                Outcome.of(existing(MetaArgs.id(args, 0, kind.noun())).details()));
        dealer.addLocalProcedure(prefix + "list_" + observer + "s", (caller, args, kwargs) -> {
            List<Long> ids = new ArrayList<>();
            for (Session session : existing(MetaArgs.id(args, 0, kind.noun())).observers()) {
                ids.add(session.id());
            }
            return Outcome.of(ids);
        });
        dealer.addLocalProcedure(prefix + "count_" + observer + "s", (caller, args, kwargs) ->
                Outcome.of(existing(MetaArgs.id(args, 0, kind.noun())).observers().length));
        dealer.addLocalProcedure(prefix + "remove_" + observer, (caller, args, kwargs) -> {
            T observation = existing(MetaArgs.id(args, 0, kind.noun()));
            long sessionId = MetaArgs.id(args, 1, observer);
            String reason = MetaArgs.optionalString(args, 2, kwargs, "reason");
            if (!observations.revoke(observation, session(sessionId), reason)) {
                throw new ProcedureException(kind.noSuchError(),
                        "session " + sessionId + " is not " + observing + " on " + kind.noun() + " " + observation.id());
            }
            return Outcome.of(null);
        });
    }

    /** The attached session with {@code id} (null for a null ID), or ERROR no_such_session. */
    private Session session(Long id) throws ProcedureException {
        if (id == null) {
            return null;
        }
        Session session = realm.session(id);
        if (session == null) {
            throw new ProcedureException(WampErrors.NO_SUCH_SESSION, "no session with ID " + id + " exists on this router");
        }
        return session;
    }

    private T existing(long id) throws ProcedureException {
        T observation = observations.get(id);
        if (observation == null) {
            throw new ProcedureException(kind.noSuchError(), "no " + kind.noun() + " with ID " + id + " exists on this " + owner);
        }
        if (MetaEvents.isProtected(observation.uri())) {
            throw new ProcedureException(WampErrors.NOT_AUTHORIZED,
                    "not authorized to inspect the " + kind.noun() + " of protected URI '" + observation.uri() + "'");
        }
        return observation;
    }

    private static MatchPolicy policy(Map<String, Object> options) throws ProcedureException {
        Object match = options.getOrDefault("match", MatchPolicy.EXACT.wireName());
        if (match instanceof String name) {
            var policy = MatchPolicy.fromWire(name);
            if (policy.isPresent()) {
                return policy.get();
            }
        }
        throw new ProcedureException(WampErrors.INVALID_ARGUMENT, "options.match must be exact, prefix or wildcard");
    }

    private static Long visibleId(Observation observation) {
        return observation == null || MetaEvents.isProtected(observation.uri()) ? null : observation.id();
    }

    private static List<Long> visibleIds(List<? extends Observation> observations) {
        List<Long> ids = new ArrayList<>();
        for (Observation observation : observations) {
            if (!MetaEvents.isProtected(observation.uri())) {
                ids.add(observation.id());
            }
        }
        return ids;
    }

    private static Map<String, Object> byPolicy(List<? extends Observation> observations) {
        Map<String, List<Long>> lists = new LinkedHashMap<>();
        for (MatchPolicy policy : MatchPolicy.values()) {
            lists.put(policy.wireName(), new ArrayList<>());
        }
        for (Observation observation : observations) {
            if (!MetaEvents.isProtected(observation.uri())) {
                lists.get(observation.policy().wireName()).add(observation.id());
            }
        }
        return new LinkedHashMap<>(lists);
    }
}
