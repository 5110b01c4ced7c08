package io.natter.authenticator.authorize;

import java.util.Map;

/**
 * The rules of {@code natter.authorize} for role {@code user} (DESIGN.md, the {@code natter}
 * realm), as a pure function of one request:
 *
 * <ul>
 *   <li>{@code natter.thread.<t>}: publish (publisher disclosed) and subscribe, members of {@code t} only;</li>
 *   <li>{@code natter.presence.<t>}: subscribe, members of {@code t} only;</li>
 *   <li>{@code natter.notify.<u>}: subscribe by {@code u} alone;</li>
 *   <li>{@code natter.presence.list}: call, caller disclosed (the listener checks membership);</li>
 *   <li>any subscription or registration with {@code match} {@code prefix} or {@code wildcard}:
 *   refused (a prefix {@code natter.thread.} would read every thread);</li>
 *   <li>everything else, and every other role: refused.</li>
 * </ul>
 */
public final class AccessRules {

    /** The role of browser users, the only one this authorizer serves. */
    public static final String USER_ROLE = "user";

    static final String THREAD = "natter.thread.";
    static final String PRESENCE = "natter.presence.";
    static final String NOTIFY = "natter.notify.";
    static final String PRESENCE_LIST = "natter.presence.list";

    private AccessRules() {
    }

    /**
     * Decides one action.
     *
     * @param authid   the session's authid
     * @param authrole the session's role
     * @param uri      the topic or procedure
     * @param action   {@code publish}, {@code subscribe}, {@code call} or {@code register}
     * @param options  the request's options (only {@code match} matters)
     */
    public static Decision decide(String authid, String authrole, String uri, String action, Map<String, Object> options) {
        if (!USER_ROLE.equals(authrole)) {
            return new Decision.Deny("role " + authrole + " is not served by this authorizer");
        }
        if (!Identifiers.isName(authid)) {
            return new Decision.Deny("authid is not a user name");
        }
        if (uri == null || action == null) {
            return new Decision.Deny("no uri or action");
        }
        Object match = options == null ? null : options.get("match");
        if (match != null && !"exact".equals(match)) {
            return new Decision.Deny("pattern-based " + action + " (" + match + ")");
        }
        if (uri.startsWith(THREAD)) {
            String thread = uri.substring(THREAD.length());
            if (!Identifiers.isPermalink(thread)) {
                return new Decision.Deny("not a thread permalink");
            }
            return switch (action) {
                case "publish" -> new Decision.IfMember(thread, true);
                case "subscribe" -> new Decision.IfMember(thread, false);
                default -> new Decision.Deny(action + " on a thread topic");
            };
        }
        if (uri.equals(PRESENCE_LIST) && action.equals("call")) {
            return new Decision.Allow(true);
        }
        if (uri.startsWith(PRESENCE)) {
            String thread = uri.substring(PRESENCE.length());
            if (action.equals("subscribe") && Identifiers.isPermalink(thread)) {
                return new Decision.IfMember(thread, false);
            }
            return new Decision.Deny(action + " on a presence URI");
        }
        if (uri.startsWith(NOTIFY)) {
            if (action.equals("subscribe") && uri.substring(NOTIFY.length()).equals(authid)) {
                return new Decision.Allow(false);
            }
            return new Decision.Deny(action + " on a notification topic");
        }
        return new Decision.Deny("no rule for " + action + " on this URI");
    }
}
