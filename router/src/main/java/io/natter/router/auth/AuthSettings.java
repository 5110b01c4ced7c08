package io.natter.router.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of authentication and authorization (from {@code natter.router.auth.*}, see
 * {@link AuthProperties}).
 *
 * @param authenticatorTimeout how long a dynamic authenticator may take before the session is refused
 * @param authorizerTimeout how long a dynamic authorizer may take before the action is refused
 * @param grantTtl how long a cached authorizer answer is used
 * @param grantMaxEntries most cached authorizer answers per session
 * @param fakeSaltKey the key unknown authids' fake WAMP-CRA salts are derived with (not empty)
 */
public record AuthSettings(Duration authenticatorTimeout, Duration authorizerTimeout, Duration grantTtl, int grantMaxEntries,
        byte[] fakeSaltKey) {

    public AuthSettings {
        Objects.requireNonNull(authenticatorTimeout, "authenticatorTimeout");
        Objects.requireNonNull(authorizerTimeout, "authorizerTimeout");
        Objects.requireNonNull(grantTtl, "grantTtl");
        Objects.requireNonNull(fakeSaltKey, "fakeSaltKey");
        if (fakeSaltKey.length == 0) {
            throw new IllegalArgumentException("fakeSaltKey must not be empty");
        }
    }

    /** Defaults for tests: 5 s timeouts, 5 min grants, 1000 per session, a random fake-salt key. */
    public static AuthSettings defaults() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return new AuthSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(5), 1000, key);
    }

    @Override
    public String toString() {
        return "AuthSettings[authenticatorTimeout=" + authenticatorTimeout + ", authorizerTimeout=" + authorizerTimeout
                + ", grantTtl=" + grantTtl + ", grantMaxEntries=" + grantMaxEntries + ", fakeSaltKey=***]";
    }
}
