package io.natter.authenticator.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.natter.authenticator.appapi.CachedAnswers;
import io.natter.authenticator.authorize.AccessRules;
import io.natter.wamp.WampErrors;
import io.natter.wamp.client.CallResult;
import io.natter.wamp.client.WampException;
import io.natter.wamp.quarkus.WampSession;
import io.natter.authenticator.config.AuthenticatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Turns app events into live revocation through the router:
 *
 * <ul>
 *   <li>{@code membership.revoked} forgets the cached membership and calls
 *   {@code natter.router.revoke} for the user on {@code natter.thread.<t>} and
 *   {@code natter.presence.<t>}: the router drops that user's cached grants there and ends the
 *   user's subscriptions at once;</li>
 *   <li>{@code membership.granted} only forgets the cached membership. The router holds no denial
 *   to drop ({@code natter.authorize} does not let it cache "not a member"), and a revoke would
 *   end the subscriptions the new member may already have made (a thread's owner subscribes
 *   right after creating it, before the grant's event arrives);</li>
 *   <li>{@code token.revoked} forgets the token and ends every session opened with it: it lists
 *   the {@code user} sessions ({@code wamp.session.list}), reads each one's WELCOME
 *   {@code authextra.token_id} ({@code wamp.session.get}; {@code natter.auth} put it there) and
 *   kills the matching ones ({@code wamp.session.kill}), and sweeps once more
 *   {@code natter.events.token-sweep-repeat} later. The user's other devices stay.</li>
 * </ul>
 *
 * Each future succeeds only once every router call did (a session that left meanwhile counts as
 * done), so the event is acknowledged only then.
 */
@ApplicationScoped
public class Revocations {

    /** GOODBYE reason of a session whose token was revoked. */
    public static final String TOKEN_REVOKED = "natter.close.token_revoked";

    private static final Logger LOG = Logger.getLogger(Revocations.class);
    private static final String REVOKE = "natter.router.revoke";
    /** Sessions read with {@code wamp.session.get} at once. */
    private static final int BATCH = 32;

    private final WampSession wamp;
    private final CachedAnswers answers;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private final long sweepRepeatMillis;

    Revocations(WampSession wamp, CachedAnswers answers, MeterRegistry registry, Vertx vertx, AuthenticatorConfig config) {
        this.wamp = wamp;
        this.answers = answers;
        this.registry = registry;
        this.vertx = vertx;
        this.sweepRepeatMillis = config.events().tokenSweepRepeat().toMillis();
    }

    /** Acts on one event; the future fails when a router call failed (the event is to be retried). */
    public Future<Void> apply(AppEvent event) {
        if (event instanceof AppEvent.MembershipChanged change) {
            return membershipChanged(change);
        }
        if (event instanceof AppEvent.TokenRevoked revoked) {
            return tokenRevoked(revoked);
        }
        return Future.succeededFuture();
    }

    Future<Void> membershipChanged(AppEvent.MembershipChanged change) {
        answers.forgetMembership(change.thread(), change.authid());
        if (!change.revoked()) {
            return Future.succeededFuture();
        }
        return Future.all(
                        revoke("natter.thread." + change.thread(), change.authid()),
                        revoke("natter.presence." + change.thread(), change.authid()))
                .onSuccess(done -> LOG.debugf("%s: router revoked %s on thread %s", change.type(), change.authid(), change.thread()))
                .mapEmpty();
    }

    Future<Void> tokenRevoked(AppEvent.TokenRevoked revoked) {
        answers.forgetToken(revoked.authid(), revoked.tokenId());
        return sweep(revoked).onSuccess(killed -> {
            // A handshake whose natter.auth was answered before this event and whose WELCOME
            // came after the list escapes the first sweep; one more sweep after the longest
            // handshake catches it (the token is refused here by now, so no new one starts).
            if (sweepRepeatMillis > 0) {
                vertx.setTimer(sweepRepeatMillis, t -> sweep(revoked).onFailure(e -> LOG.warnf(
                        "token.revoked of %s: the second sweep failed (%s)", revoked.authid(), e.getMessage())));
            }
        }).mapEmpty();
    }

    /** Ends the sessions opened with the revoked token; the number ended. */
    private Future<Integer> sweep(AppEvent.TokenRevoked revoked) {
        return wamp.call("wamp.session.list", List.of(List.of(AccessRules.USER_ROLE)), Map.of())
                .compose(result -> killMatching(sessionIds(result), revoked, 0, 0))
                .onSuccess(killed -> {
                    if (killed > 0) {
                        registry.counter("natter.authenticator.sessions.killed").increment(killed);
                    }
                    LOG.infof("token.revoked (%s) of %s: %d session(s) ended", revoked.reason(), revoked.authid(), killed);
                });
    }

    private Future<Object> revoke(String uri, String authid) {
        return wamp.call(REVOKE, List.of(), Map.of("uri", uri, "authid", authid)).map(CallResult::arg0);
    }

    /** Reads sessions {@code from, from + BATCH, ...} and kills those of the token, a batch at a time. */
    private Future<Integer> killMatching(List<Long> ids, AppEvent.TokenRevoked revoked, int from, int killed) {
        if (from >= ids.size()) {
            return Future.succeededFuture(killed);
        }
        List<Future<Boolean>> batch = new ArrayList<>();
        for (Long id : ids.subList(from, Math.min(from + BATCH, ids.size()))) {
            batch.add(killIfOpenedWith(id, revoked));
        }
        return Future.all(batch).compose(all -> {
            int more = 0;
            for (Future<Boolean> f : batch) {
                more += f.result() ? 1 : 0;
            }
            return killMatching(ids, revoked, from + BATCH, killed + more);
        });
    }

    private Future<Boolean> killIfOpenedWith(long id, AppEvent.TokenRevoked revoked) {
        return ignoringGone(wamp.call("wamp.session.get", List.of(id), Map.of()).map(CallResult::arg0))
                .compose(details -> {
                    if (!openedWith(details, revoked)) {
                        return Future.succeededFuture(false);
                    }
                    return ignoringGone(wamp.call("wamp.session.kill", List.of(id), Map.of(
                                    "reason", TOKEN_REVOKED, "message", "the token of this session was revoked")))
                            .map(true);
                });
    }

    static boolean openedWith(Object details, AppEvent.TokenRevoked revoked) {
        return details instanceof Map<?, ?> session
                && revoked.authid().equals(session.get("authid"))
                && session.get("authextra") instanceof Map<?, ?> extra
                && revoked.tokenId().equals(extra.get("token_id"));
    }

    /** A session that left between the list and the call: nothing to do. */
    private static <T> Future<T> ignoringGone(Future<T> call) {
        return call.recover(failure -> failure instanceof WampException e && WampErrors.NO_SUCH_SESSION.equals(e.error())
                ? Future.succeededFuture(null) : Future.failedFuture(failure));
    }

    static List<Long> sessionIds(CallResult result) {
        List<Long> ids = new ArrayList<>();
        if (result.arg0() instanceof List<?> list) {
            for (Object id : list) {
                if (id instanceof Number n) {
                    ids.add(n.longValue());
                }
            }
        }
        return ids;
    }
}
