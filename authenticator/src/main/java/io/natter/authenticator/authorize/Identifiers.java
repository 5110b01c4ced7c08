package io.natter.authenticator.authorize;

import java.util.regex.Pattern;

/**
 * The shapes of what the authenticator puts into app-api URLs and router calls: user names,
 * thread permalinks and token ids. Anything else is refused before it goes anywhere.
 */
public final class Identifiers {

    /** app-api's user names: 1–32 of {@code [a-z0-9_-]}. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");
    /** app-api's permalinks: lower-case letters and digits in runs joined by single dashes, at most 64. */
    private static final Pattern PERMALINK = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    /** Token ids are opaque but URL-safe (base64url). */
    private static final Pattern TOKEN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Identifiers() {
    }

    /** Whether {@code s} is a valid user name (a {@code user} session's authid). */
    public static boolean isName(String s) {
        return s != null && NAME.matcher(s).matches();
    }

    /** Whether {@code s} is a valid thread permalink. */
    public static boolean isPermalink(String s) {
        return s != null && s.length() <= 64 && PERMALINK.matcher(s).matches();
    }

    /** Whether {@code s} looks like a token id. */
    public static boolean isTokenId(String s) {
        return s != null && TOKEN_ID.matcher(s).matches();
    }
}
