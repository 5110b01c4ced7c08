package io.natter.router.meta;

import io.natter.router.dealer.Dealer;
import io.natter.router.dealer.LocalProcedure.Outcome;
import io.natter.router.dealer.ProcedureException;
import io.natter.router.peer.Session;
import io.natter.wamp.WampErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The session meta procedures ({@code wamp.session.count/list/get/kill/kill_by_authid/kill_by_authrole})
 * with Crossbar.io's argument shapes: {@code count([filter_authroles])} → int,
 * {@code list([filter_authroles])} → [session IDs], {@code get(session)} → session details or
 * ERROR {@code wamp.error.no_such_session}, {@code kill(session, reason?, message?)},
 * {@code kill_by_authid(authid, reason?, message?)} and {@code kill_by_authrole(...)} → [killed IDs].
 * Killed sessions get GOODBYE with the reason ({@code wamp.close.killed} by default) after the
 * caller's RESULT is queued.
 */
final class SessionMeta {

    private final MetaRealm realm;

    SessionMeta(MetaRealm realm) {
        this.realm = realm;
    }

    void install(Dealer dealer) {
        dealer.addLocalProcedure(MetaUris.SESSION_COUNT, (caller, args, kwargs) ->
                Outcome.of(realm.sessions(byRoles(MetaArgs.optionalStrings(args, 0, kwargs, "filter_authroles"))).size()));
        dealer.addLocalProcedure(MetaUris.SESSION_LIST, (caller, args, kwargs) ->
                Outcome.of(ids(realm.sessions(byRoles(MetaArgs.optionalStrings(args, 0, kwargs, "filter_authroles"))))));
        dealer.addLocalProcedure(MetaUris.SESSION_GET, (caller, args, kwargs) ->
                Outcome.of(existing(MetaArgs.id(args, 0, "session")).details()));
        dealer.addLocalProcedure(MetaUris.SESSION_KILL, (caller, args, kwargs) -> {
            Session target = existing(MetaArgs.id(args, 0, "session"));
            return new Outcome(null, killer(List.of(target), args, kwargs));
        });
        dealer.addLocalProcedure(MetaUris.SESSION_KILL_BY_AUTHID, (caller, args, kwargs) -> {
            String authid = MetaArgs.string(args, 0, "authid");
            List<Session> targets = realm.sessions(s -> s.authid().equals(authid));
            return new Outcome(ids(targets), killer(targets, args, kwargs));
        });
        dealer.addLocalProcedure(MetaUris.SESSION_KILL_BY_AUTHROLE, (caller, args, kwargs) -> {
            String authrole = MetaArgs.string(args, 0, "authrole");
            List<Session> targets = realm.sessions(s -> s.authrole().equals(authrole));
            return new Outcome(ids(targets), killer(targets, args, kwargs));
        });
    }

    private Session existing(long id) throws ProcedureException {
        Session session = realm.session(id);
        if (session == null) {
            throw new ProcedureException(WampErrors.NO_SUCH_SESSION, "no session with ID " + id + " exists on this router");
        }
        return session;
    }

    private Runnable killer(List<Session> targets, List<Object> args, Map<String, Object> kwargs) throws ProcedureException {
        String reason = MetaArgs.optionalString(args, 1, kwargs, "reason");
        String message = MetaArgs.optionalString(args, 2, kwargs, "message");
        String closeReason = reason == null ? WampErrors.KILLED : reason;
        String closeMessage = message == null ? "killed by the session meta API" : message;
        return () -> {
            for (Session target : targets) {
                realm.kill(target, closeReason, closeMessage);
            }
        };
    }

    private static Predicate<Session> byRoles(List<String> roles) {
        return roles == null ? s -> true : s -> roles.contains(s.authrole());
    }

    private static List<Long> ids(List<Session> sessions) {
        List<Long> ids = new ArrayList<>(sessions.size());
        for (Session session : sessions) {
            ids.add(session.id());
        }
        return ids;
    }
}
