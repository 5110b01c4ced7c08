package io.natter.authenticator.appapi;

import io.natter.wamp.auth.Secret;
import java.util.Objects;

/**
 * A user's WAMP-CRA material for one token, as app-api's {@code /internal/auth} answers it:
 * {@code secret} is the PBKDF2 key derived from the token with {@code salt}, {@code iterations}
 * and {@code keylen} (what Autobahn's {@code auth_cra.derive_key} returns). The token itself never
 * reaches the authenticator.
 */
public record CraMaterial(Secret secret, String salt, int iterations, int keylen) {

    public CraMaterial {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(salt, "salt");
    }
}
