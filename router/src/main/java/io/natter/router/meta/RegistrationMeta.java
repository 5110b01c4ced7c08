package io.natter.router.meta;

import io.natter.router.dealer.Dealer;
import io.natter.router.dealer.LocalProcedure.Outcome;
import io.natter.router.dealer.ProcedureException;
import io.natter.router.dealer.Registration;
import io.natter.router.realm.Realm;
import io.natter.router.session.Session;
import io.natter.wamp.WampErrors;
import io.natter.wamp.uri.MatchPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registration meta procedures with Crossbar.io's shapes: {@code list([session])} →
 * {@code {exact: [...], prefix: [...], wildcard: [...]}}, {@code lookup(procedure, {match})} → ID
 * or null, {@code match(procedure)} → the ID a call would go to, or null, {@code get(id)} →
 * {@code {id, created, uri, match, invoke}}, {@code list_callees(id)} → [session IDs],
 * {@code count_callees(id)} → int, {@code remove_callee(id, session, reason?)}.
 */
final class RegistrationMeta {

    private final Realm realm;
    private final Dealer dealer;

    RegistrationMeta(Realm realm) {
        this.realm = realm;
        this.dealer = realm.dealer();
    }

    void install(Dealer target) {
        target.addLocalProcedure("wamp.registration.list", (caller, args, kwargs) -> {
            Long sessionId = MetaArgs.optionalId(args, 0, kwargs, "session_id");
            Session session = null;
            if (sessionId != null) {
                session = realm.session(sessionId);
                if (session == null) {
                    throw new ProcedureException(WampErrors.NO_SUCH_SESSION, "no session with ID " + sessionId + " exists on this router");
                }
            }
            return Outcome.of(byPolicy(dealer.registrations().list(session)));
        });
        target.addLocalProcedure("wamp.registration.lookup", (caller, args, kwargs) -> {
            String procedure = MetaArgs.string(args, 0, "procedure");
            MatchPolicy policy = SubscriptionMeta.policy(MetaArgs.optionalDict(args, 1, kwargs, "options"));
            Registration registration = dealer.registrations().lookup(procedure, policy);
            return Outcome.of(registration == null || MetaEvents.isProtected(registration.uri()) ? null : registration.id());
        });
        target.addLocalProcedure("wamp.registration.match", (caller, args, kwargs) -> {
            Registration registration = dealer.registrations().bestMatch(MetaArgs.string(args, 0, "procedure"));
            return Outcome.of(registration == null || MetaEvents.isProtected(registration.uri()) ? null : registration.id());
        });
        target.addLocalProcedure("wamp.registration.get", (caller, args, kwargs) ->
                Outcome.of(existing(MetaArgs.id(args, 0, "registration")).details()));
        target.addLocalProcedure("wamp.registration.list_callees", (caller, args, kwargs) -> {
            List<Long> ids = new ArrayList<>();
            for (Session callee : existing(MetaArgs.id(args, 0, "registration")).observers()) {
                ids.add(callee.id());
            }
            return Outcome.of(ids);
        });
        target.addLocalProcedure("wamp.registration.count_callees", (caller, args, kwargs) ->
                Outcome.of(existing(MetaArgs.id(args, 0, "registration")).observers().length));
        target.addLocalProcedure("wamp.registration.remove_callee", (caller, args, kwargs) -> {
            Registration registration = existing(MetaArgs.id(args, 0, "registration"));
            long calleeId = MetaArgs.id(args, 1, "callee");
            String reason = MetaArgs.optionalString(args, 2, kwargs, "reason");
            Session callee = realm.session(calleeId);
            if (callee == null) {
                throw new ProcedureException(WampErrors.NO_SUCH_SESSION, "no session with ID " + calleeId + " exists on this router");
            }
            if (!dealer.registrations().revoke(registration, callee, reason)) {
                throw new ProcedureException(WampErrors.NO_SUCH_REGISTRATION,
                        "session " + calleeId + " is not registered on registration " + registration.id());
            }
            return Outcome.of(null);
        });
    }

    private Registration existing(long id) throws ProcedureException {
        Registration registration = dealer.registrations().get(id);
        if (registration == null) {
            throw new ProcedureException(WampErrors.NO_SUCH_REGISTRATION, "no registration with ID " + id + " exists on this dealer");
        }
        return registration;
    }

    private static Map<String, Object> byPolicy(List<Registration> registrations) {
        Map<String, Object> lists = new LinkedHashMap<>();
        Map<MatchPolicy, List<Long>> ids = new LinkedHashMap<>();
        for (MatchPolicy policy : MatchPolicy.values()) {
            ids.put(policy, new ArrayList<>());
        }
        for (Registration registration : registrations) {
            ids.get(registration.policy()).add(registration.id());
        }
        ids.forEach((policy, list) -> lists.put(policy.wireName(), list));
        return lists;
    }
}
