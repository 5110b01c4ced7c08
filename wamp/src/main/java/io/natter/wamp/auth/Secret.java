package io.natter.wamp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret string (a WAMP-CRA secret or derived key, a ticket, a service credential) that does not
 * leak into logs: {@link #toString()} shows {@code Secret[***]}, and the text comes out only
 * through {@link #reveal()}, so every use is visible in the code.
 *
 * <p>Equality is identity ({@code equals} and {@code hashCode} are not overridden): comparing two
 * secrets by content would be a timing oracle, and a hash code derived from the content would leak
 * part of it. Compare with {@link #matches(String)}, which takes constant time.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps {@code value}, which must not be null. */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value"));
    }

    /** The secret text, for the one place that needs it (deriving a key, signing). */
    public String reveal() {
        return value;
    }

    /**
     * Whether {@code candidate} equals the secret, in time that depends only on the candidate's
     * length (which its sender knows anyway), never on how much of it is right.
     *
     * @param candidate the text to check; null never matches
     */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        // MessageDigest.isEqual runs over all of its first argument whatever the contents; putting
        // the candidate first keeps the secret's length out of the timing.
        return MessageDigest.isEqual(
                candidate.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
