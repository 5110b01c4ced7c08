package io.natter.wamp.quarkus;

import io.natter.wamp.auth.Secret;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * The WAMP session of a service ({@code natter.wamp.*}, env {@code NATTER_WAMP_*}). With both
 * {@link #authid()} and {@link #secret()} set the session joins with WAMP-CRA, otherwise
 * anonymously.
 */
@ConfigMapping(prefix = "natter.wamp")
public interface WampConfig {

    /** The router's WebSocket URI (the internal transport for workers). */
    @WithDefault("ws://127.0.0.1:9001/ws")
    String url();

    /** The realm to join. */
    @WithDefault("natter")
    String realm();

    /** The WAMP-CRA authid; anonymous join without it. */
    Optional<String> authid();

    /** The WAMP-CRA secret (the router's static user secret); never logged. */
    Optional<Secret> secret();

    /** {@code json} ({@code wamp.2.json}) or {@code msgpack} ({@code wamp.2.msgpack}). */
    @WithDefault("json")
    Serialization serializer();

    /** Backoff between connection attempts. */
    Reconnect reconnect();

    /** How long subscribe, register, acknowledged publish and calls wait for the router. */
    @WithName("request-timeout")
    @WithDefault("10S")
    Duration requestTimeout();

    /** How long the TCP connect, the upgrade and the WAMP handshake may take together. */
    @WithName("connect-timeout")
    @WithDefault("5S")
    Duration connectTimeout();

    /** The two WAMP serializations. */
    enum Serialization {
        JSON, MSGPACK
    }

    /** Reconnect backoff: doubling from the initial delay up to the max, half of it jittered, for ever. */
    interface Reconnect {

        /** Delay before the first retry after a loss. */
        @WithName("initial-delay")
        @WithDefault("0.5S")
        Duration initialDelay();

        /** Upper bound of the delay. */
        @WithName("max-delay")
        @WithDefault("10S")
        Duration maxDelay();
    }
}
