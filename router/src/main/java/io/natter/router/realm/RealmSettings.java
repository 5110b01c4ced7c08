package io.natter.router.realm;

import io.natter.router.auth.Authorizer;
import java.util.List;
import java.util.Objects;

/**
 * What a realm is made of: its name, its roles (a session may only be welcomed under one of them)
 * and the authorizer consulted before publish, subscribe, call and register (for configured
 * realms, {@link io.natter.router.auth.AuthorizerFactory#forRealm}, which picks each session's
 * role's permissions or dynamic authorizer). Which authentication methods lead into the realm is a
 * matter of the transports.
 */
public record RealmSettings(String name, List<String> roles, Authorizer authorizer) {

    public RealmSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(authorizer, "authorizer");
        roles = List.copyOf(roles);
    }
}
