package io.natter.notifier.config;

import io.natter.wamp.auth.Secret;
import io.natter.wamp.quarkus.settings.AppApiSettings;
import io.natter.wamp.quarkus.settings.RabbitmqSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The notifier's own settings (the WAMP session's are wamp-quarkus's {@code natter.wamp.*}; see
 * {@code application.properties}).
 */
@ConfigMapping(prefix = "natter")
public interface NotifierConfig {

    /** Delivery. */
    Notifier notifier();

    /** RabbitMQ, where notifications come from. */
    Rabbitmq rabbitmq();

    /** app-api, which knows users and thread members. */
    App app();

    /** The credential of app-api's internal API. */
    Internal internal();

    interface Notifier {
        /** Unacked notifications held at once (basic.qos): the bound of what waits while the router is away. */
        @WithDefault("64")
        int prefetch();

        /** First pause before a failed publish or app-api question is tried again; doubled per failure up to {@link #retryMaxDelay()}. */
        @WithDefault("0.5S")
        Duration retryInitialDelay();

        @WithDefault("5S")
        Duration retryMaxDelay();
    }

    /** The broker (host, port, user, password, name prefix, confirm timeout: {@link RabbitmqSettings}). */
    interface Rabbitmq extends RabbitmqSettings {
        /** Pause between attempts to reach the broker at start (afterwards the client's recovery reconnects). */
        @WithDefault("2S")
        Duration reconnectInterval();
    }

    /** Base URL and answer timeout ({@link AppApiSettings}). */
    interface App extends AppApiSettings {
    }

    interface Internal {
        /** Service credential sent as {@code Authorization: Bearer} ({@code NATTER_INTERNAL_CREDENTIAL}). */
        Optional<Secret> credential();
    }
}
