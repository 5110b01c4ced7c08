package io.natter.router.realm;

import io.natter.wamp.uri.MatchPolicy;
import io.natter.wamp.uri.UriRules;

/** The URI rules the router applies to requests (loose or strict, per configuration). */
final class UriCheck {

    private final boolean strict;

    UriCheck(boolean strict) {
        this.strict = strict;
    }

    /** A topic of a publication or a procedure of a call. */
    boolean isValid(String uri) {
        return UriRules.isValid(uri, strict, false);
    }

    /** A topic or procedure pattern of a subscription or registration. */
    boolean isValidPattern(String pattern, MatchPolicy policy) {
        return UriRules.isValidPattern(pattern, policy, strict);
    }

    /**
     * URIs reserved to the router: {@code wamp.*} (the spec's) and {@code natter.router.*} (the
     * router's own procedures, such as {@code natter.router.revoke}). Clients may not publish or
     * register there.
     */
    static boolean isReserved(String uri) {
        return uri.startsWith("wamp.") || uri.startsWith("natter.router.");
    }
}
