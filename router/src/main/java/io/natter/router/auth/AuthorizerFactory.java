package io.natter.router.auth;

import io.natter.router.config.RealmConfig;
import io.natter.router.config.RoleConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a realm's authorizer from its configured roles: static permissions or a dynamic authorizer per role. */
public final class AuthorizerFactory {

    private AuthorizerFactory() {
    }

    /**
     * @param realm the realm's configuration
     * @param realms finds the realm whose dealer routes dynamic authorizer calls (looked up per call)
     * @param settings timeouts and the grant cache's bounds
     */
    public static RoleAuthorizers forRealm(RealmConfig realm, RealmLookup realms, AuthSettings settings) {
        Map<String, Authorizer> byRole = new LinkedHashMap<>();
        for (RoleConfig role : realm.roles().values()) {
            byRole.put(role.name(), role.isDynamic()
                    ? new DynamicAuthorizer(role.authorizer(), role.disclose(), realms, settings, System::nanoTime)
                    : new StaticAuthorizer(role));
        }
        return new RoleAuthorizers(byRole);
    }
}
