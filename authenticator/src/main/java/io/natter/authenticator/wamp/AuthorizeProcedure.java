package io.natter.authenticator.wamp;

import io.micrometer.core.instrument.MeterRegistry;
import io.natter.authenticator.appapi.CachedAnswers;
import io.natter.authenticator.authorize.AccessRules;
import io.natter.authenticator.authorize.Decision;
import io.natter.wamp.client.CallResult;
import io.natter.wamp.client.InvocationContext;
import io.natter.wamp.client.WampException;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code natter.authorize}, the dynamic authorizer of role {@code user}. The router calls it as
 * {@code (session_details, uri, action, options)} before a publish, subscribe, call or register
 * it has no cached answer for; {@link AccessRules} decides, asking app-api (through
 * {@link CachedAnswers}) whether the session's user is a member of the thread when a rule says so.
 *
 * <p>Answers {@code {allow, cache}}, with {@code disclose: true} where the actor must be known (a
 * chat message's publisher, {@code natter.presence.list}'s caller). {@code cache} is true except
 * for a denial because the user is not a member (yet): the router keeps a cached answer for that
 * session only, and {@code membership.revoked} drops the grants (see {@code events}). app-api
 * unavailable answers ERROR {@link NatterErrors#UNAVAILABLE}, which the router turns into
 * {@code wamp.error.authorization_failed}: nothing is allowed on a guess.
 */
@ApplicationScoped
public class AuthorizeProcedure {

    public static final String PROCEDURE = "natter.authorize";

    private static final Logger LOG = Logger.getLogger(AuthorizeProcedure.class);

    private final CachedAnswers answers;
    private final MeterRegistry registry;

    AuthorizeProcedure(CachedAnswers answers, MeterRegistry registry) {
        this.answers = answers;
        this.registry = registry;
    }

    /** Handles one INVOCATION; completes on an event loop. */
    @SuppressWarnings("unchecked")
    public Future<CallResult> handle(InvocationContext invocation) {
        List<Object> args = invocation.args();
        Map<?, ?> session = args.size() > 0 && args.get(0) instanceof Map<?, ?> m ? m : Map.of();
        String uri = args.size() > 1 && args.get(1) instanceof String s ? s : null;
        String action = args.size() > 2 && args.get(2) instanceof String s ? s : null;
        Map<String, Object> options = args.size() > 3 && args.get(3) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        String authid = session.get("authid") instanceof String s ? s : null;
        String authrole = session.get("authrole") instanceof String s ? s : null;

        Decision decision = AccessRules.decide(authid, authrole, uri, action, options);
        if (decision instanceof Decision.Allow allow) {
            return answer(true, allow.disclose());
        }
        if (decision instanceof Decision.Deny deny) {
            LOG.debugf("natter.authorize: %s %s on %s refused: %s", authid, action, uri, deny.reason());
            return answer(false, false);
        }
        Decision.IfMember ifMember = (Decision.IfMember) decision;
        return answers.isMember(ifMember.thread(), authid).transform(result -> {
            if (result.failed()) {
                LOG.warnf("natter.authorize for %s %s on %s: %s", authid, action, uri, result.cause().getMessage());
                registry.counter("natter.authenticator.authorize", "outcome", "unavailable").increment();
                return Future.failedFuture(new WampException(NatterErrors.UNAVAILABLE, "thread membership is unavailable"));
            }
            boolean member = result.result();
            // A non-member's denial is not cached by the router: becoming a member must work at
            // once, and natter.router.revoke (the only way to drop a cached answer) would also end
            // the subscriptions a new member just made. Our own cache answers the repeats.
            return member ? answer(true, ifMember.disclose(), true) : answer(false, false, false);
        });
    }

    private Future<CallResult> answer(boolean allow, boolean disclose) {
        return answer(allow, disclose, true);
    }

    private Future<CallResult> answer(boolean allow, boolean disclose, boolean cache) {
        registry.counter("natter.authenticator.authorize", "outcome", allow ? "allow" : "deny").increment();
        Map<String, Object> answer = disclose
                ? Map.of("allow", allow, "disclose", true, "cache", cache)
                : Map.of("allow", allow, "cache", cache);
        return Future.succeededFuture(CallResult.of(answer));
    }
}
