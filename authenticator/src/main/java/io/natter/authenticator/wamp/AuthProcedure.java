package io.natter.authenticator.wamp;

import io.micrometer.core.instrument.MeterRegistry;
import io.natter.authenticator.appapi.CachedAnswers;
import io.natter.authenticator.appapi.CraMaterial;
import io.natter.authenticator.authorize.AccessRules;
import io.natter.authenticator.authorize.Identifiers;
import io.natter.wamp.client.CallResult;
import io.natter.wamp.client.InvocationContext;
import io.natter.wamp.client.WampException;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code natter.auth}, the realm's dynamic WAMP-CRA authenticator. The router calls it at HELLO
 * as {@code (realm, authid, details)}; the token's id comes in {@code details.authextra.token_id}.
 * The answer is {@code {secret, role: "user", salt, iterations, keylen, extra: {token_id}}}, where
 * {@code secret} is the token's derived key and {@code extra} becomes the session's WELCOME
 * {@code authextra} (so a revoked token's sessions can be found later).
 *
 * <p>No such user or token, and a missing or malformed token id, answer ERROR
 * {@link NatterErrors#NO_SUCH_USER}: the router then fails the handshake exactly like a wrong
 * signature. app-api unavailable answers {@link NatterErrors#UNAVAILABLE} within
 * {@code natter.app.timeout}, before the router's own timeout.
 */
@ApplicationScoped
public class AuthProcedure {

    public static final String PROCEDURE = "natter.auth";

    private static final Logger LOG = Logger.getLogger(AuthProcedure.class);

    private final CachedAnswers answers;
    private final MeterRegistry registry;

    AuthProcedure(CachedAnswers answers, MeterRegistry registry) {
        this.answers = answers;
        this.registry = registry;
    }

    /** Handles one INVOCATION; completes on an event loop. */
    public Future<CallResult> handle(InvocationContext invocation) {
        List<Object> args = invocation.args();
        String authid = args.size() > 1 && args.get(1) instanceof String s ? s : null;
        Map<?, ?> details = args.size() > 2 && args.get(2) instanceof Map<?, ?> m ? m : Map.of();
        Object method = details.get("authmethod");
        if (method != null && !"wampcra".equals(method)) {
            return refuse("unsupported", new WampException(NatterErrors.UNSUPPORTED_METHOD,
                    "natter.auth serves wampcra only"));
        }
        String tokenId = details.get("authextra") instanceof Map<?, ?> extra && extra.get("token_id") instanceof String t
                ? t : null;
        if (!Identifiers.isName(authid) || !Identifiers.isTokenId(tokenId)) {
            return noSuchUser();
        }
        return answers.auth(authid, tokenId).transform(result -> {
            if (result.failed()) {
                LOG.warnf("natter.auth for %s: %s", authid, result.cause().getMessage());
                return refuse("unavailable", new WampException(NatterErrors.UNAVAILABLE,
                        "the user directory is unavailable"));
            }
            if (result.result().isEmpty()) {
                LOG.debugf("natter.auth: no such user or token for %s", authid);
                return noSuchUser();
            }
            count("ok");
            return Future.succeededFuture(CallResult.of(answer(result.result().get(), tokenId)));
        });
    }

    /** The router's wampcra answer; the one place the derived key leaves its {@code Secret}. */
    static Map<String, Object> answer(CraMaterial material, String tokenId) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("secret", material.secret().reveal());
        answer.put("role", AccessRules.USER_ROLE);
        answer.put("salt", material.salt());
        answer.put("iterations", material.iterations());
        answer.put("keylen", material.keylen());
        answer.put("extra", Map.of("token_id", tokenId));
        return answer;
    }

    private Future<CallResult> noSuchUser() {
        return refuse("refused", new WampException(NatterErrors.NO_SUCH_USER, "no such user or token"));
    }

    private Future<CallResult> refuse(String outcome, WampException error) {
        count(outcome);
        return Future.failedFuture(error);
    }

    private void count(String outcome) {
        registry.counter("natter.authenticator.auth", "outcome", outcome).increment();
    }
}
