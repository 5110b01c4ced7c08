package io.natter.router.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code ticket} authentication: static {@code principals}, or a dynamic {@code authenticator}
 * procedure.
 *
 * @param principals the static principals by authid, in the file's order; empty when dynamic
 * @param authenticator the URI of the authenticator procedure, or null when static
 * @param authenticatorRealm the realm the authenticator is registered on
 *     ({@code authenticator-realm}), or null for the realm the client joins
 */
public record TicketAuthConfig(Map<String, TicketPrincipal> principals, String authenticator, String authenticatorRealm) {

    public TicketAuthConfig {
        principals = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(principals, "principals")));
    }

    /** Whether tickets are checked by a procedure. */
    public boolean isDynamic() {
        return authenticator != null;
    }
}
