package io.natter.wamp.quarkus.settings;

import io.natter.wamp.auth.Secret;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The RabbitMQ broker a worker talks to with the plain AMQP client, under {@code natter.rabbitmq}
 * (so {@code NATTER_RABBITMQ_HOST}, {@code _PORT}, {@code _USER}, {@code _PASSWORD},
 * {@code _NAME_PREFIX}, {@code _CONFIRM_TIMEOUT}). A worker's own mapping extends it with what
 * only that worker needs; the defaults here are the only ones.
 */
public interface RabbitmqSettings {

    /** Broker host. */
    @WithDefault("127.0.0.1")
    String host();

    @WithDefault("5672")
    int port();

    @WithDefault("guest")
    String user();

    @WithDefault("guest")
    Secret password();

    /** Prefix of every exchange and queue name the worker uses; none by default (an empty value is none). */
    Optional<String> namePrefix();

    /** Longest wait for the broker's publisher confirms before the connection is counted as broken. */
    @WithDefault("10S")
    Duration confirmTimeout();
}
