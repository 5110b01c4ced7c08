package io.natter.app.security;

/** Reads the credential out of an {@code Authorization: Bearer <credential>} header. */
public final class Bearer {

    private static final String SCHEME = "bearer ";

    private Bearer() {
    }

    /** The credential, or {@code null} when the header is absent or of another scheme. */
    public static String credential(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String value = authorization.substring(SCHEME.length()).trim();
        return value.isEmpty() ? null : value;
    }
}
