package io.natter.e2e.support;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;

/** The stack's RabbitMQ as other systems (and the listener) use it: JSON on its exchanges. */
public final class Broker {

    private Broker() {
    }

    /** A notification as another system sends it, routing key {@code user.<name>} or {@code thread.<t>}. */
    public static void notification(Stack stack, String routingKey, String json) throws Exception {
        publish(stack, "natter.notifications", routingKey, json);
    }

    /**
     * A chat message as the listener forwards it for storage ({@code natter.messages}, routing key
     * the thread): a way to give a thread a long history quickly.
     */
    public static void chatMessage(Stack stack, String thread, String json) throws Exception {
        publish(stack, "natter.messages", thread, json);
    }

    /** Publishes persistent, mandatory and confirmed to the stack's (prefixed) exchange. */
    private static void publish(Stack stack, String exchange, String routingKey, String json) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(System.getenv().getOrDefault("NATTER_RABBITMQ_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(System.getenv().getOrDefault("NATTER_RABBITMQ_PORT", "5672")));
        factory.setUsername(System.getenv().getOrDefault("NATTER_RABBITMQ_USER", "guest"));
        factory.setPassword(System.getenv().getOrDefault("NATTER_RABBITMQ_PASSWORD", "guest"));
        try (Connection connection = factory.newConnection("natter-e2e"); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(stack.rabbit().prefix() + exchange, routingKey, true,
                    new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2).build(),
                    json.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        }
    }
}
