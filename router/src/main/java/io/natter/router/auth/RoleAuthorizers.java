package io.natter.router.auth;

import io.natter.router.access.Authorization;

import io.natter.router.access.Action;

import io.natter.router.peer.Session;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A realm's authorizer: the acting session's role picks the role's own authorizer (static
 * permissions or a dynamic authorizer procedure). A session whose role the realm does not define
 * is denied everything (the handshake refuses such roles with {@code wamp.error.no_such_role}
 * anyway). Immutable, so thread-safe.
 */
public final class RoleAuthorizers implements Authorizer {

    private static final Uni<Authorization> DENIED = Uni.createFrom().item(Authorization.DENY);

    private final Map<String, Authorizer> byRole;

    /** @param byRole each role's authorizer, in configuration order */
    public RoleAuthorizers(Map<String, Authorizer> byRole) {
        this.byRole = new LinkedHashMap<>(Objects.requireNonNull(byRole, "byRole"));
    }

    @Override
    public Uni<Authorization> authorize(Session session, String uri, Action action, Map<String, Object> options) {
        Authorizer authorizer = byRole.get(session.authrole());
        return authorizer == null ? DENIED : authorizer.authorize(session, uri, action, options);
    }

    @Override
    public Authorization decideNow(Session session, String uri, Action action, Map<String, Object> options) {
        Authorizer authorizer = byRole.get(session.authrole());
        return authorizer == null ? Authorization.DENY : authorizer.decideNow(session, uri, action, options);
    }

    @Override
    public boolean isDynamic(Session session) {
        Authorizer authorizer = byRole.get(session.authrole());
        return authorizer != null && authorizer.isDynamic(session);
    }

    /** The role names, in configuration order. */
    public List<String> roles() {
        return List.copyOf(byRole.keySet());
    }
}
