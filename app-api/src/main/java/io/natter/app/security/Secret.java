package io.natter.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (password, token, service credential) that never shows itself in logs:
 * {@link #toString()} hides it, and comparison runs in constant time.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Wraps a secret value. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret itself; call only where it must leave the process (a response shown once). */
    public String reveal() {
        return value;
    }

    /** Constant-time comparison with a presented value; {@code null} never matches. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        // MessageDigest.isEqual does not return early on the first differing byte.
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
