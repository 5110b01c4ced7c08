package io.natter.router.auth;

import io.natter.router.access.Authorization;

import io.natter.router.access.Action;

import io.natter.router.peer.Session;
import io.smallrye.mutiny.Uni;
import java.util.Map;

/** Every action on every URI is allowed: the embedded default realm's "every permission". */
public final class AllowAllAuthorizer implements Authorizer {

    private static final Uni<Authorization> ALLOWED = Uni.createFrom().item(Authorization.ALLOW);

    @Override
    public Uni<Authorization> authorize(Session session, String uri, Action action, Map<String, Object> options) {
        return ALLOWED;
    }

    @Override
    public Authorization decideNow(Session session, String uri, Action action, Map<String, Object> options) {
        return Authorization.ALLOW;
    }
}
