package io.natter.authenticator.config;

import io.natter.wamp.auth.Secret;
import io.natter.wamp.quarkus.settings.AppApiSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The authenticator's own settings (the WAMP session's are wamp-quarkus's {@code natter.wamp.*},
 * the RabbitMQ link's are the connector's, see {@code application.properties}).
 */
@ConfigMapping(prefix = "natter")
public interface AuthenticatorConfig {

    /** app-api, which answers who a user is and which threads they may use. */
    App app();

    /** The credential of app-api's internal API. */
    Internal internal();

    /** How long app-api's answers are reused. */
    Cache cache();

    /** The consumer of {@code natter.events}. */
    Events events();

    /** Base URL and answer timeout ({@link AppApiSettings}). */
    interface App extends AppApiSettings {
    }

    interface Internal {
        /** Service credential sent as {@code Authorization: Bearer} ({@code NATTER_INTERNAL_CREDENTIAL}); required. */
        Secret credential();
    }

    interface Cache {
        /** How long a user's WAMP-CRA material (or its absence) is reused. */
        @WithDefault("5S")
        Duration authTtl();

        /** How long a thread membership answer is reused (membership events evict it sooner). */
        @WithDefault("10S")
        Duration accessTtl();

        /** Entries each cache holds at most (least recently used dropped first). */
        @WithDefault("10000")
        int maxEntries();

        /** How long a revoked token stays refused here whatever app-api or a cache says. */
        @WithDefault("1M")
        Duration revokedTokenMemory();
    }

    interface Events {
        /** Wait before an event whose router calls failed is handed back to RabbitMQ, doubled per failure in a row. */
        @WithDefault("1S")
        Duration retryInitialDelay();

        /** The longest such wait. */
        @WithDefault("30S")
        Duration retryMaxDelay();

        /**
         * When the sessions of a revoked token are swept once more (0: never), to end one whose
         * handshake was under way during the first sweep; at least the router's handshake timeout.
         */
        @WithDefault("10S")
        Duration tokenSweepRepeat();
    }
}
