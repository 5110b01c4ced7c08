package io.natter.wamp.uri;

import java.util.Objects;

/**
 * The WAMP specification's rules for URIs, checked by a single pass over the characters (these
 * checks run for every PUBLISH and CALL, so no regular expression is involved).
 *
 * <p>The specification states the rules as regular expressions over dot-separated components:
 *
 * <ul>
 *   <li>loose: a component is a non-empty run of characters other than white space, {@code .}
 *       and {@code #} &mdash; {@code ^([^\s\.#]+\.)*([^\s\.#]+)$};
 *   <li>strict: a component is a non-empty run of {@code [0-9a-z_]} &mdash;
 *       {@code ^([0-9a-z_]+\.)*([0-9a-z_]+)$};
 *   <li>with empty components allowed (wildcard patterns), any component may be empty &mdash;
 *       {@code ^(([^\s\.#]+\.)|\.)*([^\s\.#]+)?$} and its strict twin; this accepts the empty
 *       string too.
 * </ul>
 *
 * <p>"White space" is what Python's {@code \s} means for text, since the spec's expressions come
 * from Autobahn and Crossbar: the Unicode White_Space characters plus U+001C..U+001F.
 *
 * <p>Prefix patterns follow Crossbar: every component but the last must be non-empty, so a prefix
 * may end in {@code .}, stop in the middle of a component, or be empty (matching everything).
 */
public final class UriRules {

    private UriRules() {
    }

    /**
     * Whether {@code uri} satisfies the spec's URI rule.
     *
     * @param uri the URI; null is not a URI and answers false
     * @param strict components restricted to {@code [0-9a-z_]} rather than the loose rule
     * @param allowEmptyComponents accept empty components, as in wildcard patterns
     * @return whether the URI is valid
     */
    public static boolean isValid(String uri, boolean strict, boolean allowEmptyComponents) {
        if (uri == null) {
            return false;
        }
        return allowEmptyComponents ? scan(uri, strict, Empty.ANY) : scan(uri, strict, Empty.NONE);
    }

    /**
     * Whether {@code pattern} is a valid subscription or registration URI under {@code policy}: an
     * exact pattern is a URI with no empty component; a prefix pattern has no empty component but
     * possibly the last; a wildcard pattern may have empty components anywhere.
     *
     * @param pattern the pattern; null answers false
     * @param policy the match policy the pattern is used with
     * @param strict components restricted to {@code [0-9a-z_]}
     * @return whether the pattern is valid
     */
    public static boolean isValidPattern(String pattern, MatchPolicy policy, boolean strict) {
        Objects.requireNonNull(policy, "policy");
        if (pattern == null) {
            return false;
        }
        return switch (policy) {
            case EXACT -> scan(pattern, strict, Empty.NONE);
            case PREFIX -> scan(pattern, strict, Empty.LAST);
            case WILDCARD -> scan(pattern, strict, Empty.ANY);
        };
    }

    /** Which components may be empty. */
    private enum Empty { NONE, LAST, ANY }

    private static boolean scan(String s, boolean strict, Empty empty) {
        int n = s.length();
        // A component is empty when a dot starts the string or follows another dot, or when the
        // string ends right after a dot (or is empty: one empty component).
        boolean atComponentStart = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (atComponentStart && empty != Empty.ANY) {
                    return false;
                }
                atComponentStart = true;
            } else {
                if (strict ? !isStrictChar(c) : !isLooseChar(c)) {
                    return false;
                }
                atComponentStart = false;
            }
        }
        return !atComponentStart || empty != Empty.NONE;
    }

    private static boolean isStrictChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isLooseChar(char c) {
        return c != '#' && !isWhitespace(c);
    }

    /**
     * Python's {@code str.isspace()}, which its {@code re} module uses for {@code \s}. Every such
     * character lies in the Basic Multilingual Plane, so checking UTF-16 units one by one is exact.
     */
    static boolean isWhitespace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f');
        }
        if (c < '\u0085') {
            return false;
        }
        return c == '\u0085' || c == '\u00a0' || c == '\u1680'
                || (c >= '\u2000' && c <= '\u200a')
                || c == '\u2028' || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000';
    }
}
