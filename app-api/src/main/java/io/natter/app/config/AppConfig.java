package io.natter.app.config;

import io.natter.app.security.Secret;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Typed configuration of app-api (prefix {@code natter}); defaults are documented in the README. */
@ConfigMapping(prefix = "natter")
public interface AppConfig {

    /** Service credential and options of the internal API. */
    Internal internal();

    /** Parameters of the tokens handed to users. */
    Token token();

    /** Password hashing. */
    Password password();

    /** Login throttling. */
    Login login();

    /** RabbitMQ connection and names. */
    Rabbitmq rabbitmq();

    /** Outbox relay. */
    Outbox outbox();

    /** Internal API ({@code /internal}). */
    interface Internal {
        /** The credential the authenticator presents as {@code Authorization: Bearer}; absent = every call refused. */
        @WithConverter(SecretConverter.class)
        Optional<Secret> credential();
    }

    /** Token key derivation (what WAMP-CRA's derive_key uses). */
    interface Token {
        /** PBKDF2 iterations. */
        @WithDefault("1000")
        int iterations();

        /** Derived key length in bytes. */
        @WithDefault("32")
        int keylen();

        /** Active tokens (devices) a user may hold; issuing one more revokes the oldest. */
        @WithDefault("50")
        int maxPerUser();
    }

    /** Password hashing with bcrypt. */
    interface Password {
        /** bcrypt cost (log2 rounds). */
        @WithDefault("12")
        int bcryptCost();
    }

    /** Login throttling: failed attempts counted in a fixed window. */
    interface Login {
        /** Failed attempts allowed per name within the window. */
        @WithDefault("5")
        int maxFailuresPerName();

        /** Failed attempts allowed per client address within the window. */
        @WithDefault("20")
        int maxFailuresPerAddress();

        /** Length of the counting window. */
        @WithDefault("PT5M")
        Duration window();
    }

    /** RabbitMQ. */
    interface Rabbitmq {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5672")
        int port();

        @WithDefault("guest")
        String username();

        @WithDefault("guest")
        @WithConverter(SecretConverter.class)
        Secret password();

        @WithDefault("/")
        String virtualHost();

        /** Prepended to every exchange and queue name (isolates tests on a shared broker). */
        Optional<String> namePrefix();

        /** TCP connect timeout. */
        @WithDefault("PT2S")
        Duration connectTimeout();

        /** AMQP heartbeat: how fast a silent dead link is noticed. */
        @WithDefault("PT10S")
        Duration heartbeat();

        /** How long a publish waits for the broker's confirm. */
        @WithDefault("PT5S")
        Duration confirmTimeout();

        /** Unacknowledged chat messages the consumer holds at once. */
        @WithDefault("16")
        int prefetch();

        /** How often the supervisor checks the connection and reconnects. */
        @WithDefault("PT1S")
        Duration reconnectInterval();

        /** Pause before a message that met a database failure is handed back for redelivery. */
        @WithDefault("PT1S")
        Duration retryBackoff();
    }

    /** Outbox relay. */
    interface Outbox {
        /** How often pending events are looked for. */
        @WithDefault("PT1S")
        Duration interval();

        /** Events published per relay round. */
        @WithDefault("100")
        int batchSize();
    }
}
