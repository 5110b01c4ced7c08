package io.natter.app.amqp;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.natter.app.config.AppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;

/**
 * The RabbitMQ names app-api uses (DESIGN.md), each behind the configured prefix, and their
 * declaration. Declarations are idempotent, so every service touching a name may declare it.
 *
 * <ul>
 *   <li>{@code natter.messages}: topic exchange the listener publishes chat messages to (routing key:
 *   the thread), and the durable queue of the same name that app-api consumes, bound with {@code #}.</li>
 *   <li>{@code natter.messages.dlq}: durable queue of refused chat messages, with the reason in header
 *   {@code x-natter-reason}.</li>
 *   <li>{@code natter.events}: topic exchange of app events ({@code membership.granted},
 *   {@code membership.revoked}, {@code token.revoked}).</li>
 *   <li>{@code natter.notifications}: topic exchange of notifications ({@code user.<name>},
 *   {@code thread.<thread>}); its queue and {@code natter.notifications.dlq} belong to the notifier.</li>
 * </ul>
 */
@ApplicationScoped
public class Topology {

    private final String prefix;

    Topology(AppConfig config) {
        this.prefix = config.rabbitmq().namePrefix().orElse("");
    }

    public String messagesExchange() {
        return prefix + "natter.messages";
    }

    public String messagesQueue() {
        return prefix + "natter.messages";
    }

    public String messagesDeadLetterQueue() {
        return prefix + "natter.messages.dlq";
    }

    public String eventsExchange() {
        return prefix + "natter.events";
    }

    public String notificationsExchange() {
        return prefix + "natter.notifications";
    }

    /** Declares every exchange and queue app-api relies on. */
    public void declare(Channel ch) throws IOException {
        ch.exchangeDeclare(messagesExchange(), BuiltinExchangeType.TOPIC, true);
        ch.exchangeDeclare(eventsExchange(), BuiltinExchangeType.TOPIC, true);
        ch.exchangeDeclare(notificationsExchange(), BuiltinExchangeType.TOPIC, true);
        ch.queueDeclare(messagesQueue(), true, false, false, Map.of());
        ch.queueDeclare(messagesDeadLetterQueue(), true, false, false, Map.of());
        ch.queueBind(messagesQueue(), messagesExchange(), "#");
    }
}
