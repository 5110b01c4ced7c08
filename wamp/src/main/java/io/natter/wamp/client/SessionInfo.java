package io.natter.wamp.client;

import io.natter.wamp.message.Message;
import java.util.Map;

/**
 * An established session, from the router's WELCOME.
 *
 * @param sessionId  the session ID the router assigned
 * @param realm      the realm joined
 * @param authid     the authentication ID the router assigned (may differ from the one asked for)
 * @param authrole   the role the router assigned
 * @param authmethod the method that authenticated the session ({@code anonymous}, {@code ticket}, {@code wampcra})
 * @param roles      the router's roles and their features, e.g. {@code {"broker": {"features": {...}}}}
 * @param details    the whole WELCOME details dictionary
 */
public record SessionInfo(long sessionId, String realm, String authid, String authrole, String authmethod,
        Map<String, Object> roles, Map<String, Object> details) {

    public SessionInfo {
        roles = Message.frozen(roles);
        details = Message.frozen(details);
    }

    /** The session of WELCOME {@code details} for {@code realm}. */
    @SuppressWarnings("unchecked")
    static SessionInfo of(long sessionId, String realm, Map<String, Object> details) {
        Object roles = details.get("roles");
        return new SessionInfo(sessionId, realm, string(details.get("authid")), string(details.get("authrole")),
                string(details.get("authmethod")), roles instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(), details);
    }

    /** Whether the router announced {@code feature} (e.g. {@code call_canceling}) for {@code role} (e.g. {@code dealer}). */
    public boolean routerSupports(String role, String feature) {
        return roles.get(role) instanceof Map<?, ?> r && r.get("features") instanceof Map<?, ?> f && Boolean.TRUE.equals(f.get(feature));
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }
}
