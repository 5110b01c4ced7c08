package io.natter.router.config;

import java.util.List;
import java.util.Objects;

/**
 * A role of a realm: either static {@code permissions} (possibly none, as the workshop's
 * {@code banished} role, which grants nothing) or a dynamic {@code authorizer} procedure consulted
 * for each action.
 *
 * @param name the role's name
 * @param permissions the static permissions, in the file's order; empty when an authorizer is set
 * @param authorizer the URI of the authorizer procedure, or null for static permissions
 * @param disclose what the role discloses of its sessions when the permission (or the authorizer's
 *     answer) says nothing
 */
public record RoleConfig(String name, List<PermissionConfig> permissions, String authorizer, DiscloseConfig disclose) {

    public RoleConfig {
        Objects.requireNonNull(name, "name");
        permissions = List.copyOf(Objects.requireNonNull(permissions, "permissions"));
        Objects.requireNonNull(disclose, "disclose");
        if (authorizer != null && !permissions.isEmpty()) {
            throw new IllegalArgumentException("role " + name + " has both permissions and an authorizer");
        }
    }

    /** Whether the role is authorized by a procedure rather than by static permissions. */
    public boolean isDynamic() {
        return authorizer != null;
    }
}
