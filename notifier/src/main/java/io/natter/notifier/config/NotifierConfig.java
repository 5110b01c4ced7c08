package io.natter.notifier.config;

import io.natter.wamp.auth.Secret;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
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

    interface Rabbitmq {
        /** Broker host ({@code NATTER_RABBITMQ_HOST}). */
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5672")
        int port();

        @WithDefault("guest")
        String user();

        @WithDefault("guest")
        Secret password();

        /** Prefix of every exchange and queue name ({@code NATTER_RABBITMQ_NAME_PREFIX}); none by default. */
        Optional<String> namePrefix();

        /** Longest wait for the broker's confirm of a dead-lettered copy before the original is handed back. */
        @WithDefault("10S")
        Duration confirmTimeout();

        /** Pause between attempts to reach the broker at start (afterwards the client's recovery reconnects). */
        @WithDefault("2S")
        Duration reconnectInterval();
    }

    interface App {
        /** Base URL of app-api ({@code NATTER_APP_URL}). */
        @WithDefault("http://127.0.0.1:8090")
        URI url();

        /** Longest wait for one app-api answer. */
        @WithDefault("2S")
        Duration timeout();
    }

    interface Internal {
        /** Service credential sent as {@code Authorization: Bearer} ({@code NATTER_INTERNAL_CREDENTIAL}). */
        Optional<Secret> credential();
    }
}
