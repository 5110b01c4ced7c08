package io.natter.notifier.amqp;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.natter.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;

/**
 * The notifier's RabbitMQ names, each behind {@code natter.rabbitmq.name-prefix}, and their
 * (idempotent) declaration. The exchange is app-api's too (it declares it the same way and publishes
 * with {@code mandatory}: it answers 503 while nothing is bound, i.e. before the notifier first ran).
 */
@ApplicationScoped
public class Topology {

    private final String prefix;

    Topology(NotifierConfig config) {
        this.prefix = config.rabbitmq().namePrefix().orElse("");
    }

    /** Topic exchange of notifications: routing key {@code user.<name>} or {@code thread.<thread>}. */
    public String exchange() {
        return prefix + "natter.notifications";
    }

    /** The notifier's durable queue, bound with {@code user.*} and {@code thread.*}. */
    public String queue() {
        return prefix + "natter.notifier";
    }

    /** Refused notifications: the original body and properties, header {@code x-natter-reason}. */
    public String deadLetterQueue() {
        return prefix + "natter.notifications.dlq";
    }

    public void declare(Channel ch) throws IOException {
        ch.exchangeDeclare(exchange(), BuiltinExchangeType.TOPIC, true);
        ch.queueDeclare(queue(), true, false, false, Map.of());
        ch.queueDeclare(deadLetterQueue(), true, false, false, Map.of());
        ch.queueBind(queue(), exchange(), "user.*");
        ch.queueBind(queue(), exchange(), "thread.*");
    }
}
