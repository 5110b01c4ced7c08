package io.natter.router.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of authentication and authorization ({@code natter.router.auth.*}, each also readable
 * from the environment as {@code NATTER_ROUTER_AUTH_...}).
 */
@ConfigMapping(prefix = "natter.router.auth")
public interface AuthProperties {

    /** How long a dynamic authenticator may take; past it the session is refused (ABORT {@code wamp.error.authentication_failed}). */
    @WithDefault("5S")
    Duration timeout();

    /** How long a dynamic authorizer may take; past it the action is refused ({@code wamp.error.authorization_failed}). */
    @WithDefault("5S")
    Duration authorizerTimeout();

    /** How long a cached dynamic authorizer answer ({@code cache: true}) is used. */
    @WithDefault("5M")
    Duration grantTtl();

    /** Most cached authorizer answers per session. */
    @WithDefault("1000")
    int grantMaxEntries();

    /**
     * The key unknown authids' fake WAMP-CRA salts are derived with; unset: a random key per start
     * (then an unknown authid's salt changes across restarts, which a real user's does not).
     */
    Optional<String> fakeSaltKey();

    /** HELLO rate limits, counted before any authenticator runs. */
    RateLimit rateLimit();

    /** HELLO rate limits. */
    interface RateLimit {

        /** HELLOs allowed per peer address and window (0: no limit). */
        @WithDefault("20")
        int perAddress();

        /** HELLOs allowed per authid and window (0: no limit). */
        @WithDefault("10")
        int perAuthid();

        /** The window (the buckets refill their whole capacity over it). */
        @WithDefault("10S")
        Duration window();

        /**
         * Peer addresses never limited: by default the loopback addresses (workers on the internal
         * transport, local tests). Set it to {@code none} to limit every address.
         */
        @WithDefault("127.0.0.1,::1,0:0:0:0:0:0:0:1")
        Optional<List<String>> exempt();

        /** Most addresses (and most authids) tracked at once. */
        @WithDefault("100000")
        int maxKeys();
    }
}
