package io.natter.app.config;

import io.natter.wamp.auth.Secret;
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

    /** Sign-up throttling. */
    Signup signup();

    /** HTTP limits. */
    Http http();

    /** RabbitMQ connection and names. */
    Rabbitmq rabbitmq();

    /** Outbox relay. */
    Outbox outbox();

    /** Storing chat messages from RabbitMQ. */
    Messages messages();

    /** The notification inbox. */
    Inbox inbox();

    /** The browser app's settings ({@code GET /api/config}). */
    Web web();

    /** What the browser app is told: realm and where the router is. */
    interface Web {
        /** The realm the page joins. */
        @WithDefault("natter")
        String realm();

        /** The router's WebSocket URL; absent: the page's own host name with {@link #routerPort()}. */
        Optional<String> routerUrl();

        /** The router's port when no URL is set. */
        @WithDefault("8080")
        int routerPort();
    }

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

    /** Login throttling (policy in the README and in {@code LoginThrottle}). */
    interface Login {
        /** Attempts allowed per name and client address within {@link #window()}. */
        @WithDefault("5")
        int maxFailuresPerNameAndAddress();

        /** Attempts allowed per client address, across names, within {@link #window()}. */
        @WithDefault("20")
        int maxFailuresPerAddress();

        /** Attempts allowed per name, across addresses, within {@link #nameWindow()}; trusted addresses are exempt. */
        @WithDefault("50")
        int maxFailuresPerName();

        /** Counting window (and first block) of the per name-and-address and per address limits. */
        @WithDefault("PT1M")
        Duration window();

        /** Counting window (and first block) of the per name limit. */
        @WithDefault("PT15M")
        Duration nameWindow();

        /** Longest block: blocks double while attempts go on, up to this. */
        @WithDefault("PT30M")
        Duration maxBlock();

        /** How long an address stays exempt from the per name limit after a successful login of that name. */
        @WithDefault("PT168H")
        Duration trustedFor();
    }

    /** Sign-up throttling. */
    interface Signup {
        /** Sign-ups allowed per client address within {@link #window()}. */
        @WithDefault("20")
        int maxPerAddress();

        /** Counting window (and first block). */
        @WithDefault("PT10M")
        Duration window();

        /** Longest block. */
        @WithDefault("PT1H")
        Duration maxBlock();
    }

    /** HTTP limits of our own. */
    interface Http {
        /** Longest request URI (path and query) answered; longer ones get 414 with a JSON body. */
        @WithDefault("4096")
        int maxUriLength();
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

        /** Unacknowledged chat messages the consumer holds at once (what a batch is taken from). */
        @WithDefault("256")
        int prefetch();

        /** How often the supervisor checks the connection and reconnects. */
        @WithDefault("PT1S")
        Duration reconnectInterval();

        /** Pause before a message that met a database failure is handed back for redelivery. */
        @WithDefault("PT1S")
        Duration retryBackoff();
    }

    /** Storing chat messages from RabbitMQ. */
    interface Messages {
        /** Most chat messages stored in one transaction and acknowledged with one ack. */
        @WithDefault("100")
        int batchSize();
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

    /** The notification inbox. */
    interface Inbox {
        /** How long a notification is kept (read or not). */
        @WithDefault("P30D")
        Duration retention();

        /** Notifications answered by one {@code GET /api/notifications}, newest first. */
        @WithDefault("200")
        int maxListed();
    }
}
