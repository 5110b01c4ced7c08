package io.natter.router.realm;

import io.natter.router.access.UriOverlap;
import io.natter.router.broker.Subscription;
import io.natter.router.dealer.LocalProcedure.Outcome;
import io.natter.router.dealer.ProcedureException;
import io.natter.router.peer.Session;
import io.natter.wamp.WampErrors;
import io.natter.wamp.uri.MatchPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The router procedure {@value #PROCEDURE}: a trusted worker tells the router that access to a
 * URI changed (e.g. a user left a thread). For every session of the realm whose role is
 * authorized dynamically (and, when {@code authid} is given, whose authid it is), it drops the
 * cached authorizer answers whose URI pattern overlaps the revoked one, and removes the session
 * from each of its subscriptions whose topic pattern overlaps it: a subscriber that announced
 * {@code subscription_revocation} gets UNSUBSCRIBED(0, {subscription, reason}), the others simply
 * stop receiving events; the usual {@code wamp.subscription.on_unsubscribe}/{@code on_delete}
 * follow. The next request on such a URI asks the authorizer again.
 *
 * <p>Arguments, positional or by keyword: {@code uri} (string, required), {@code match}
 * ({@code exact} default, {@code prefix}, {@code wildcard}), {@code authid} (absent: every such
 * session). Result: {@code {sessions, grants, subscriptions}} (counts). Who may call it is decided
 * like any call, by the caller's role.
 */
final class Revocation {

    /** The procedure's URI. */
    static final String PROCEDURE = "natter.router.revoke";
    /** The reason UNSUBSCRIBED carries. */
    static final String REASON = "natter.reason.access_revoked";

    private Revocation() {
    }

    static void install(Realm realm) {
        realm.dealer().addLocalProcedure(PROCEDURE, (caller, args, kwargs) -> revoke(realm, args, kwargs));
    }

    private static Outcome revoke(Realm realm, List<Object> args, Map<String, Object> kwargs) throws ProcedureException {
        String uri = string(args, 0, kwargs, "uri");
        if (uri == null) {
            throw new ProcedureException(WampErrors.INVALID_ARGUMENT, "uri is required");
        }
        String matchName = string(args, 1, kwargs, "match");
        MatchPolicy match = matchName == null ? MatchPolicy.EXACT : MatchPolicy.fromWire(matchName)
                .orElseThrow(() -> new ProcedureException(WampErrors.INVALID_ARGUMENT, "match must be exact, prefix or wildcard"));
        String authid = string(args, 2, kwargs, "authid");
        List<Session> targets = realm.sessions(s -> (authid == null || authid.equals(s.authid())) && realm.isDynamic(s));
        int grants = 0;
        int removed = 0;
        for (Session session : targets) {
            grants += session.grants().revoke(uri, match);
            for (Subscription subscription : realm.broker().subscriptions().list(session)) {
                if (UriOverlap.overlaps(uri, match, subscription.uri(), subscription.policy())
                        && realm.broker().subscriptions().revoke(subscription, session, REASON)) {
                    removed++;
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sessions", targets.size());
        result.put("grants", grants);
        result.put("subscriptions", removed);
        return Outcome.of(result);
    }

    private static String string(List<Object> args, int index, Map<String, Object> kwargs, String name) throws ProcedureException {
        Object value = kwargs.containsKey(name) ? kwargs.get(name) : index < args.size() ? args.get(index) : null;
        if (value != null && !(value instanceof String)) {
            throw new ProcedureException(WampErrors.INVALID_ARGUMENT, name + " must be a string");
        }
        return (String) value;
    }
}
