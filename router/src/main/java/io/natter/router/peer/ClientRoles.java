package io.natter.router.peer;

import io.natter.router.util.ProtocolViolation;

import java.util.Map;

/**
 * The roles and features a client announced in HELLO.Details.roles, e.g.
 * {@code {"callee": {"features": {"call_canceling": true}}}}.
 */
public record ClientRoles(Map<String, Object> roles) {

    public ClientRoles {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
    }

    /** Reads HELLO.Details.roles; a missing, empty or malformed dict is a {@link ProtocolViolation}. */
    public static ClientRoles fromHelloDetails(Map<String, Object> details) {
        Object roles = details.get("roles");
        if (!(roles instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new ProtocolViolation("HELLO.Details.roles must be a non-empty dict");
        }
        for (Map.Entry<?, ?> role : map.entrySet()) {
            if (!(role.getKey() instanceof String) || !(role.getValue() instanceof Map<?, ?>)) {
                throw new ProtocolViolation("HELLO.Details.roles." + role.getKey() + " must be a dict");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return new ClientRoles(typed);
    }

    /** Whether the client announced {@code role}. */
    public boolean has(String role) {
        return roles.containsKey(role);
    }

    /** Whether the client announced {@code feature} as true under {@code role}. */
    public boolean supports(String role, String feature) {
        if (roles.get(role) instanceof Map<?, ?> details && details.get("features") instanceof Map<?, ?> features) {
            return Boolean.TRUE.equals(features.get(feature));
        }
        return false;
    }
}
