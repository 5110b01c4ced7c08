package io.natter.listener.config;

import io.natter.wamp.auth.Secret;
import io.natter.wamp.quarkus.settings.AppApiSettings;
import io.natter.wamp.quarkus.settings.RabbitmqSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The listener's own settings (the WAMP session's are wamp-quarkus's {@code natter.wamp.*}, the
 * Redis client's {@code quarkus.redis.*}; see {@code application.properties}).
 */
@ConfigMapping(prefix = "natter")
public interface ListenerConfig {

    /** Presence and message forwarding. */
    Listener listener();

    /** RabbitMQ, where chat events go for storage. */
    Rabbitmq rabbitmq();

    /** app-api, which answers thread membership for {@code natter.presence.list}. */
    App app();

    /** The credential of app-api's internal API. */
    Internal internal();

    interface Listener {
        /** Chat events held while RabbitMQ is away or slow; past it new events are dropped, counted and logged. */
        @WithDefault("100000")
        int bufferSize();

        /** Prefix of every Redis key the listener writes (tests use a unique one per run). */
        @WithDefault("natter.listener.")
        String redisPrefix();

        /** Presence is rebuilt from the router's meta API this often as well as after every join (0: only at joins). */
        @WithDefault("30S")
        Duration reconcileInterval();

        /** How long a membership answer for {@code natter.presence.list} is reused. */
        @WithDefault("10S")
        Duration membershipTtl();
    }

    /** The broker (host, port, user, password, name prefix, confirm timeout: {@link RabbitmqSettings}). */
    interface Rabbitmq extends RabbitmqSettings {
        /** Pause between attempts to reach the broker, doubled per failure up to {@link #retryMaxDelay()}. */
        @WithDefault("0.5S")
        Duration retryInitialDelay();

        @WithDefault("5S")
        Duration retryMaxDelay();

        /** Events published and not yet confirmed, at most; the next ones wait in the buffer for confirms. */
        @WithDefault("4096")
        int inFlight();
    }

    /** Base URL and answer timeout ({@link AppApiSettings}). */
    interface App extends AppApiSettings {
    }

    interface Internal {
        /**
         * Service credential sent as {@code Authorization: Bearer} ({@code NATTER_INTERNAL_CREDENTIAL}).
         * Without it the listener runs, but {@code natter.presence.list} cannot check membership and
         * refuses every call with {@code natter.error.unavailable} (logged at start-up).
         */
        Optional<Secret> credential();
    }
}
