package io.natter.router.auth;

import io.natter.router.access.Authorization;

import io.natter.router.access.Action;

import io.natter.router.config.DiscloseConfig;
import io.natter.router.config.PermissionConfig;
import io.natter.router.config.RoleConfig;
import io.natter.router.peer.Session;
import io.natter.wamp.uri.MatchPolicy;
import io.natter.wamp.uri.UriIndex;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.Objects;

/**
 * A role's static permissions. The rule that decides is the most specific one matching the URI,
 * in Crossbar.io's order: an {@code exact} rule, else the best {@code wildcard} rule, else the
 * longest {@code prefix} rule; with no matching rule the action is denied. The URI checked is
 * the one the request names: for a pattern-based subscription or registration, the pattern
 * itself, as Crossbar checks it.
 *
 * <p>{@code disclose}: a PUBLISH allowed by a rule whose {@code disclose.publisher} is set (or
 * whose role's is) discloses the publisher to subscribers; a CALL likewise with
 * {@code disclose.caller}.
 *
 * <p>Immutable after construction, so thread-safe; answers at once.
 */
public final class StaticAuthorizer implements Authorizer {

    private final UriIndex<PermissionConfig> exactAndPrefix = new UriIndex<>();
    private final UriIndex<PermissionConfig> wildcards = new UriIndex<>();
    private final DiscloseConfig roleDisclose;

    public StaticAuthorizer(RoleConfig role) {
        Objects.requireNonNull(role, "role");
        this.roleDisclose = role.disclose();
        for (PermissionConfig permission : role.permissions()) {
            UriIndex<PermissionConfig> index = permission.match() == MatchPolicy.WILDCARD ? wildcards : exactAndPrefix;
            // The first rule for a URI and policy wins, as a later duplicate in Crossbar's trie would be shadowed.
            index.put(permission.uri(), permission.match(), permission);
        }
    }

    @Override
    public Uni<Authorization> authorize(Session session, String uri, Action action, Map<String, Object> options) {
        return Uni.createFrom().item(decide(uri, action));
    }

    @Override
    public Authorization decideNow(Session session, String uri, Action action, Map<String, Object> options) {
        return decide(uri, action);
    }

    /** The decision for {@code action} on {@code uri}. */
    public Authorization decide(String uri, Action action) {
        PermissionConfig rule = rule(uri);
        if (rule == null || !allows(rule, action)) {
            return Authorization.DENY;
        }
        return new Authorization(true, discloses(rule.disclose(), action) || discloses(roleDisclose, action));
    }

    /** The rule that decides for {@code uri}, or null. */
    PermissionConfig rule(String uri) {
        PermissionConfig best = exactAndPrefix.bestMatch(uri);
        if (best != null && best.match() == MatchPolicy.EXACT) {
            return best;
        }
        PermissionConfig wildcard = wildcards.isEmpty() ? null : wildcards.bestMatch(uri);
        return wildcard != null ? wildcard : best;
    }

    private static boolean allows(PermissionConfig rule, Action action) {
        return switch (action) {
            case CALL -> rule.allow().call();
            case REGISTER -> rule.allow().register();
            case PUBLISH -> rule.allow().publish();
            case SUBSCRIBE -> rule.allow().subscribe();
        };
    }

    static boolean discloses(DiscloseConfig disclose, Action action) {
        return switch (action) {
            case CALL -> disclose.caller();
            case PUBLISH -> disclose.publisher();
            default -> false;
        };
    }
}
