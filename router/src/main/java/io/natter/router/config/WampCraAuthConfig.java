package io.natter.router.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code wampcra} authentication: static {@code users}, or a dynamic {@code authenticator}
 * procedure.
 *
 * @param users the static users by authid, in the file's order; empty when dynamic
 * @param authenticator the URI of the authenticator procedure, or null when static
 * @param authenticatorRealm the realm the authenticator is registered on
 *     ({@code authenticator-realm}), or null for the realm the client joins
 */
public record WampCraAuthConfig(Map<String, CraUser> users, String authenticator, String authenticatorRealm) {

    public WampCraAuthConfig {
        users = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(users, "users")));
    }

    /** Whether secrets come from a procedure. */
    public boolean isDynamic() {
        return authenticator != null;
    }
}
