package io.natter.router.auth;

import io.natter.router.access.Authorization;

import io.natter.router.access.Action;

import io.natter.router.peer.Session;
import io.smallrye.mutiny.Uni;
import java.util.Map;

/**
 * Decides whether a session may publish, subscribe, call or register on a URI. The broker and the
 * dealer consult it after validating a request and before acting on it; a refusal answers
 * {@code wamp.error.not_authorized}, a failure of the check itself
 * {@code wamp.error.authorization_failed}.
 *
 * <p>Implementations are thread-safe and never block: a dynamic authorizer (a procedure the
 * router calls) completes the {@link Uni} later; the session's next message waits for it, which
 * keeps one session's requests in order.
 */
public interface Authorizer {

    /**
     * @param session the acting session
     * @param uri the topic, procedure or pattern
     * @param action what the session asks to do
     * @param options the request's options as sent (e.g. {@code match})
     */
    Uni<Authorization> authorize(Session session, String uri, Action action, Map<String, Object> options);

    /**
     * The answer {@link #authorize} would give, if it can be had without waiting (static
     * permissions, a cached grant); null when only {@link #authorize} can answer. This is the
     * hot path of every publish and call, so it allocates nothing.
     */
    default Authorization decideNow(Session session, String uri, Action action, Map<String, Object> options) {
        return null;
    }

    /**
     * Whether {@code session}'s rights come from a dynamic authorizer, and so can change while it
     * lives (revocation applies to such sessions only).
     */
    default boolean isDynamic(Session session) {
        return false;
    }
}
