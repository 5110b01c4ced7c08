package io.natter.router.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A realm as configured: its name and its roles.
 *
 * @param name the realm's name (a URI)
 * @param roles the roles by name, in the file's order
 */
public record RealmConfig(String name, Map<String, RoleConfig> roles) {

    public RealmConfig {
        Objects.requireNonNull(name, "name");
        roles = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(roles, "roles")));
    }

    /** The role named {@code name}, or null. */
    public RoleConfig role(String name) {
        return roles.get(name);
    }
}
