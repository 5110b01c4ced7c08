package io.natter.router.realm;

import io.natter.router.auth.Authenticator;
import io.natter.router.auth.Authorizer;
import java.util.List;
import java.util.Objects;

/**
 * What a realm is made of: its name, the authentication methods its transport accepts (in order
 * of preference) and the authorizer consulted before publish, subscribe, call and register.
 * The embedded default builds one; a config file will build others.
 */
public record RealmSettings(String name, List<Authenticator> authenticators, Authorizer authorizer) {

    public RealmSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(authorizer, "authorizer");
        authenticators = List.copyOf(authenticators);
        if (authenticators.isEmpty()) {
            throw new IllegalArgumentException("realm " + name + " needs at least one authenticator");
        }
    }
}
