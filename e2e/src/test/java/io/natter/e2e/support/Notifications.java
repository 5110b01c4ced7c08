package io.natter.e2e.support;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;

/** Notifications as another system sends them: JSON on RabbitMQ's {@code natter.notifications} exchange. */
public final class Notifications {

    private Notifications() {
    }

    /** Publishes (persistent, mandatory, confirmed) with routing key {@code user.<name>} or {@code thread.<t>}. */
    public static void publish(Stack stack, String routingKey, String json) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(System.getenv().getOrDefault("NATTER_RABBITMQ_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(System.getenv().getOrDefault("NATTER_RABBITMQ_PORT", "5672")));
        factory.setUsername(System.getenv().getOrDefault("NATTER_RABBITMQ_USER", "guest"));
        factory.setPassword(System.getenv().getOrDefault("NATTER_RABBITMQ_PASSWORD", "guest"));
        try (Connection connection = factory.newConnection("natter-e2e"); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(stack.rabbit().prefix() + "natter.notifications", routingKey, true,
                    new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2).build(),
                    json.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        }
    }
}
