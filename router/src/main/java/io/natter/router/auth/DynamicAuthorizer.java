package io.natter.router.auth;

import io.natter.router.access.Authorization;

import io.natter.router.access.Action;
import io.natter.router.access.SessionGrants;

import io.natter.router.config.DiscloseConfig;
import io.natter.router.dealer.InternalCallResult;
import io.natter.router.peer.Session;
import io.natter.wamp.WampErrors;
import io.natter.wamp.uri.MatchPolicy;
import io.smallrye.mutiny.Uni;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * A role authorized by a procedure (Crossbar's {@code "authorizer": "<uri>"}): called through the
 * realm's dealer as {@code (session_details, uri, action, options)}; it answers a boolean or
 * {@code {allow, disclose?, cache?}} (any other key or type is an invalid answer). The answer is
 * cached in the acting session's {@link SessionGrants} when it says {@code cache: true}, keyed by
 * URI, match policy and action, for the configured time to live.
 *
 * <p>Fails closed: no callee, an ERROR, a timeout or an invalid answer fail the {@link Uni}, which
 * the dispatcher answers with {@code wamp.error.authorization_failed}. The role's {@code disclose}
 * adds to what the answer discloses.
 */
public final class DynamicAuthorizer implements Authorizer {

    private static final Logger LOG = Logger.getLogger(DynamicAuthorizer.class);
    private static final Set<String> ANSWER_KEYS = Set.of("allow", "disclose", "cache");

    private final String procedure;
    private final DiscloseConfig roleDisclose;
    private final RealmLookup realms;
    private final AuthSettings settings;
    private final LongSupplier nanoClock;

    public DynamicAuthorizer(String procedure, DiscloseConfig roleDisclose, RealmLookup realms, AuthSettings settings,
            LongSupplier nanoClock) {
        this.procedure = Objects.requireNonNull(procedure, "procedure");
        this.roleDisclose = Objects.requireNonNull(roleDisclose, "roleDisclose");
        this.realms = Objects.requireNonNull(realms, "realms");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    @Override
    public Uni<Authorization> authorize(Session session, String uri, Action action, Map<String, Object> options) {
        SessionGrants grants = session.grants();
        SessionGrants.Key key = new SessionGrants.Key(uri, matchOf(options), action);
        Authorization cached = grants.get(key, nanoClock.getAsLong());
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        AuthRealm realm = realms.find(session.realm());
        if (realm == null) {
            return Uni.createFrom().failure(new IllegalStateException("realm " + session.realm() + " is gone"));
        }
        long generation = grants.generation();
        List<Object> args = Arrays.asList(session.details(), uri, action.wireName(), options);
        Uni<InternalCallResult> call = realm.callInternal(procedure, args, Map.of(), settings.authorizerTimeout())
                // The dealer's own timeout ends the call; this guard only backs it up.
                .ifNoItem().after(settings.authorizerTimeout().plusSeconds(1)).failWith(TimeoutException::new);
        return OnCallerContext.of(call)
                .map(result -> {
                    Answer answer = parse(result.arg0(), action);
                    if (answer.cache) {
                        grants.put(key, answer.authorization, nanoClock.getAsLong() + settings.grantTtl().toNanos(),
                                settings.grantMaxEntries(), generation);
                    }
                    return answer.authorization;
                })
                .onFailure().invoke(failure -> LOG.warnf("dynamic authorizer %s failed for session %d (%s on '%s'): %s",
                        procedure, session.id(), action.wireName(), uri, failure.getMessage()));
    }

    /** A cached grant of the session, or null: the procedure has to be asked. */
    @Override
    public Authorization decideNow(Session session, String uri, Action action, Map<String, Object> options) {
        return session.grants().get(new SessionGrants.Key(uri, matchOf(options), action), nanoClock.getAsLong());
    }

    @Override
    public boolean isDynamic(Session session) {
        return true;
    }

    private record Answer(Authorization authorization, boolean cache) {
    }

    private Answer parse(Object value, Action action) {
        boolean roleDiscloses = StaticAuthorizer.discloses(roleDisclose, action);
        if (value instanceof Boolean allow) {
            return new Answer(new Authorization(allow, allow && roleDiscloses), false);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid("a boolean or a dict");
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!ANSWER_KEYS.contains(entry.getKey())) {
                throw invalid("no key '" + entry.getKey() + "'");
            }
            if (!(entry.getValue() instanceof Boolean)) {
                throw invalid("a boolean for '" + entry.getKey() + "'");
            }
        }
        if (!(map.get("allow") instanceof Boolean allow)) {
            throw invalid("'allow'");
        }
        boolean disclose = Boolean.TRUE.equals(map.get("disclose")) || roleDiscloses;
        return new Answer(new Authorization(allow, allow && disclose), Boolean.TRUE.equals(map.get("cache")));
    }

    private IllegalStateException invalid(String expected) {
        return new IllegalStateException(WampErrors.AUTHORIZATION_FAILED + ": authorizer " + procedure + " must answer with " + expected);
    }

    private static MatchPolicy matchOf(Map<String, Object> options) {
        return options.get("match") instanceof String match ? MatchPolicy.fromWire(match).orElse(MatchPolicy.EXACT) : MatchPolicy.EXACT;
    }
}
