package io.natter.router.access;

import io.natter.wamp.uri.MatchPolicy;

/**
 * Whether two URI patterns can match a common URI: what revocation uses to find the cached grants
 * and subscriptions a revoked pattern touches. Errs on the side of overlap where exactness would
 * need a full pattern intersection (a prefix against a wildcard), since revoking too much only
 * costs a new authorizer call, and revoking too little leaks access.
 */
public final class UriOverlap {

    private UriOverlap() {
    }

    /** Whether some URI is matched both by {@code a} under {@code pa} and by {@code b} under {@code pb}. */
    public static boolean overlaps(String a, MatchPolicy pa, String b, MatchPolicy pb) {
        if (pa == MatchPolicy.EXACT) {
            return matches(b, pb, a);
        }
        if (pb == MatchPolicy.EXACT) {
            return matches(a, pa, b);
        }
        if (pa == MatchPolicy.PREFIX && pb == MatchPolicy.PREFIX) {
            return a.startsWith(b) || b.startsWith(a);
        }
        if (pa == MatchPolicy.WILDCARD && pb == MatchPolicy.WILDCARD) {
            String[] x = a.split("\\.", -1);
            String[] y = b.split("\\.", -1);
            if (x.length != y.length) {
                return false;
            }
            for (int i = 0; i < x.length; i++) {
                if (!x[i].isEmpty() && !y[i].isEmpty() && !x[i].equals(y[i])) {
                    return false;
                }
            }
            return true;
        }
        String prefix = pa == MatchPolicy.PREFIX ? a : b;
        String wildcard = pa == MatchPolicy.WILDCARD ? a : b;
        return prefixMeetsWildcard(prefix, wildcard);
    }

    /** Whether {@code pattern} under {@code policy} matches the URI {@code uri}. */
    public static boolean matches(String pattern, MatchPolicy policy, String uri) {
        return switch (policy) {
            case EXACT -> pattern.equals(uri);
            case PREFIX -> uri.startsWith(pattern);
            case WILDCARD -> overlaps(pattern, MatchPolicy.WILDCARD, uri, MatchPolicy.WILDCARD) && !uri.contains("..")
                    || pattern.equals(uri);
        };
    }

    /** Compares the prefix's components with the wildcard's, the prefix's last one possibly cut short. */
    private static boolean prefixMeetsWildcard(String prefix, String wildcard) {
        String[] p = prefix.split("\\.", -1);
        String[] w = wildcard.split("\\.", -1);
        if (p.length > w.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            boolean last = i == p.length - 1;
            if (w[i].isEmpty()) {
                continue;
            }
            if (last ? !w[i].startsWith(p[i]) : !w[i].equals(p[i])) {
                return false;
            }
        }
        return true;
    }
}
