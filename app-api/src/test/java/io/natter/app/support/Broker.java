package io.natter.app.support;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A test's own direct connection to the machine's RabbitMQ (never through the proxies): publishes
 * chat messages as the listener would, and reads what app-api put on exchanges and queues.
 */
public final class Broker implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;

    private Broker() throws Exception {
        connection = factory().newConnection("natter-app-api-test");
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    /** Opens a connection. */
    public static Broker open() throws Exception {
        return new Broker();
    }

    static ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(TestServices.rabbitHost());
        f.setPort(TestServices.rabbitPort());
        f.setUsername(System.getenv().getOrDefault("NATTER_RABBITMQ_USER", "guest"));
        f.setPassword(System.getenv().getOrDefault("NATTER_RABBITMQ_PASSWORD", "guest"));
        f.setConnectionTimeout(2000);
        return f;
    }

    /** A prefixed name. */
    public static String name(String name) {
        return TestServices.PREFIX + name;
    }

    /** Publishes a JSON payload to a prefixed exchange and waits for the confirm. */
    public void publish(String exchange, String routingKey, String json) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).messageId(UUID.randomUUID().toString()).build();
        channel.basicPublish(name(exchange), routingKey, props, json.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5000);
    }

    /** Publishes JSON payloads ({routing key, payload} pairs) back to back, then waits for all confirms. */
    public void publishAll(String exchange, java.util.List<String[]> keyAndJson) throws Exception {
        for (String[] m : keyAndJson) {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType("application/json").deliveryMode(2).messageId(UUID.randomUUID().toString()).build();
            channel.basicPublish(name(exchange), m[0], props, m[1].getBytes(StandardCharsets.UTF_8));
        }
        channel.waitForConfirmsOrDie(10_000);
    }

    /** A new exclusive queue bound to a prefixed exchange with the given key; returns its name. */
    public String bind(String exchange, String bindingKey) throws Exception {
        String q = channel.queueDeclare("", false, true, true, Map.of()).getQueue();
        channel.queueBind(q, name(exchange), bindingKey);
        return q;
    }

    /** The next message of a queue within the timeout, or {@code null}. */
    public GetResponse next(String queue, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        do {
            GetResponse r = channel.basicGet(queue, true);
            if (r != null) {
                return r;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < end);
        return null;
    }

    /** Messages waiting in a queue (not counting unacknowledged ones). */
    public long depth(String queue) throws Exception {
        return channel.messageCount(queue);
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
