package io.natter.router.config;

import io.natter.router.auth.Action;
import io.natter.router.auth.Authorization;
import io.natter.router.auth.Authorizer;
import io.natter.router.session.Session;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.Objects;

/**
 * A realm's static role permissions, checked without a cache: the most specific matching rule of
 * the session's role decides (exact, else wildcard, else the longest prefix), nothing matching
 * denies. A role with a dynamic {@code authorizer} is denied everything here: this class covers
 * configurations until the authorization package's factory (dynamic authorizers, per-session
 * grants) is wired in {@link ConfiguredRealms}.
 */
final class RolePermissions implements Authorizer {

    private static final Uni<Authorization> DENIED = Uni.createFrom().item(Authorization.DENY);

    private final RealmConfig realm;

    RolePermissions(RealmConfig realm) {
        this.realm = Objects.requireNonNull(realm, "realm");
    }

    @Override
    public Uni<Authorization> authorize(Session session, String uri, Action action, Map<String, Object> options) {
        RoleConfig role = realm.role(session.authrole());
        if (role == null || role.isDynamic()) {
            return DENIED;
        }
        PermissionConfig rule = mostSpecific(role, uri);
        if (rule == null || !allows(rule.allow(), action)) {
            return DENIED;
        }
        DiscloseConfig disclose = rule.disclose();
        boolean discloses = switch (action) {
            case CALL -> disclose.caller() || role.disclose().caller();
            case PUBLISH -> disclose.publisher() || role.disclose().publisher();
            default -> false;
        };
        return Uni.createFrom().item(new Authorization(true, discloses));
    }

    static PermissionConfig mostSpecific(RoleConfig role, String uri) {
        PermissionConfig wildcard = null;
        PermissionConfig prefix = null;
        for (PermissionConfig rule : role.permissions()) {
            switch (rule.match()) {
                case EXACT -> {
                    if (rule.uri().equals(uri)) {
                        return rule;
                    }
                }
                case WILDCARD -> {
                    if (wildcard == null && matchesWildcard(rule.uri(), uri)) {
                        wildcard = rule;
                    }
                }
                case PREFIX -> {
                    if (uri.startsWith(rule.uri()) && (prefix == null || rule.uri().length() > prefix.uri().length())) {
                        prefix = rule;
                    }
                }
            }
        }
        return wildcard != null ? wildcard : prefix;
    }

    private static boolean matchesWildcard(String pattern, String uri) {
        String[] want = pattern.split("\\.", -1);
        String[] have = uri.split("\\.", -1);
        if (want.length != have.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!want[i].isEmpty() && !want[i].equals(have[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean allows(AllowConfig allow, Action action) {
        return switch (action) {
            case CALL -> allow.call();
            case REGISTER -> allow.register();
            case PUBLISH -> allow.publish();
            case SUBSCRIBE -> allow.subscribe();
        };
    }
}
