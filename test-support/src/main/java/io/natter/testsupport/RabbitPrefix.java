package io.natter.testsupport;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * A RabbitMQ name prefix of one run ({@code <base>-<random>.}, what the services read from
 * {@code NATTER_RABBITMQ_NAME_PREFIX}), so that runs side by side never share an exchange or a
 * queue; {@link #close()} deletes every durable name the Natter services declare under it.
 *
 * <p>Environment: {@code NATTER_RABBITMQ_HOST}, {@code _PORT}, {@code _USER}, {@code _PASSWORD}
 * (default {@code 127.0.0.1}, {@code 5672}, {@code guest}, {@code guest}).
 */
public final class RabbitPrefix implements AutoCloseable {

    /** Every queue app-api and the authenticator declare, before the prefix. */
    private static final List<String> QUEUES = List.of("natter.messages", "natter.messages.dlq",
            "natter.authenticator.events", "natter.notifier", "natter.notifications.dlq");
    /** Every exchange they declare, before the prefix. */
    private static final List<String> EXCHANGES = List.of("natter.messages", "natter.events", "natter.notifications");

    private final String host = Env.get("NATTER_RABBITMQ_HOST", "127.0.0.1");
    private final int port = Integer.parseInt(Env.get("NATTER_RABBITMQ_PORT", "5672"));
    private final String user = Env.get("NATTER_RABBITMQ_USER", "guest");
    private final String password = Env.get("NATTER_RABBITMQ_PASSWORD", "guest");
    private final String prefix;

    private RabbitPrefix(String base) {
        this.prefix = base + "-" + Randoms.hex(5) + ".";
    }

    /** A new prefix {@code <base>-<10 hex digits>.}; nothing is declared yet. */
    public static RabbitPrefix create(String base) {
        return new RabbitPrefix(base);
    }

    public String prefix() {
        return prefix;
    }

    /** {@code NATTER_RABBITMQ_HOST}, {@code _PORT}, {@code _USER}, {@code _PASSWORD} and {@code _NAME_PREFIX}, for a service. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("NATTER_RABBITMQ_HOST", host);
        env.put("NATTER_RABBITMQ_PORT", Integer.toString(port));
        env.put("NATTER_RABBITMQ_USER", user);
        env.put("NATTER_RABBITMQ_PASSWORD", password);
        env.put("NATTER_RABBITMQ_NAME_PREFIX", prefix);
        return env;
    }

    /** Deletes the prefixed queues and exchanges; absent ones are skipped, a failure is reported, not thrown. */
    @Override
    public void close() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setConnectionTimeout(2000);
        try (Connection connection = factory.newConnection("natter-test-cleanup")) {
            // one channel per name: deleting an absent one may close its channel
            for (String queue : QUEUES) {
                try (Channel channel = connection.createChannel()) {
                    channel.queueDelete(prefix + queue);
                } catch (IOException | TimeoutException | RuntimeException e) {
                    // absent: nothing to delete
                }
            }
            for (String exchange : EXCHANGES) {
                try (Channel channel = connection.createChannel()) {
                    channel.exchangeDelete(prefix + exchange);
                } catch (IOException | TimeoutException | RuntimeException e) {
                    // absent
                }
            }
        } catch (IOException | TimeoutException e) {
            System.err.println("could not delete the RabbitMQ names of prefix " + prefix + ": " + e.getMessage());
        }
    }

    /** Names the prefix and the broker, never the password. */
    @Override
    public String toString() {
        return "RabbitPrefix[" + prefix + " on " + host + ":" + port + "]";
    }
}
