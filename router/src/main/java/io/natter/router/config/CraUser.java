package io.natter.router.config;

import io.natter.wamp.auth.Secret;
import java.util.Objects;

/**
 * A static WAMP-CRA user. With a {@code salt}, {@code secret} is the key already derived from the
 * user's password (what Autobahn's {@code auth_cra.derive_key(password, salt, iterations, keylen)}
 * returns), as in Crossbar.io: the router sends salt, iterations and keylen in the CHALLENGE, the
 * client derives the same key and signs with it, and the router never runs PBKDF2.
 *
 * @param secret the secret
 * @param role the role the user gets
 * @param salt the salt, or null for an unsalted secret
 * @param iterations PBKDF2 iterations, or null for the default (1000)
 * @param keylen derived key length in bytes, or null for the default (32)
 */
public record CraUser(Secret secret, String role, String salt, Integer iterations, Integer keylen) {

    public CraUser {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(role, "role");
    }
}
