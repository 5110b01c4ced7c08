package io.natter.e2e.support;

import io.natter.wamp.auth.Secret;
import java.util.Objects;

/**
 * What one device of a user holds after sign-up or login: the user's name (the WAMP authid), the
 * device's token (its WAMP-CRA secret and HTTP bearer token) and the token's id (sent in
 * {@code authextra.token_id}).
 */
public record Device(String name, Secret token, String tokenId) {

    public Device {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenId, "tokenId");
    }

    /** The same user and token id with another token: a wrong credential. */
    public Device withToken(String other) {
        return new Device(name, Secret.of(other), tokenId);
    }

    /** Another authid with this device's token: an unknown user when no such user exists. */
    public Device withName(String other) {
        return new Device(other, token, tokenId);
    }
}
