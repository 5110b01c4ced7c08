package io.natter.app.amqp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.natter.app.config.AppConfig;
import io.natter.app.store.StoreUnavailableException;
import io.natter.app.thread.ChatMessage;
import io.natter.app.thread.MessageService;
import io.natter.app.thread.MessageService.Outcome;
import io.natter.app.thread.MessageService.Rejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Consumes {@code natter.messages} and stores each chat message once.
 *
 * <p>Each delivery is acknowledged only after the transaction that stored it committed (or found
 * it stored already), so a crash between the two causes a redelivery that the publication id
 * turns into a no-op. A refused message is first published to {@code natter.messages.dlq} with
 * the reason and confirmed, then acknowledged. A database failure hands the message back
 * (nack with requeue) after a pause; nothing taken from the queue is dropped. Deliveries of one
 * channel arrive on one client thread, in order; blocking JDBC there is intended.
 */
@ApplicationScoped
public class MessageConsumer {

    private static final Logger LOG = Logger.getLogger(MessageConsumer.class);
    /** Header of a dead-lettered message that says why it was refused. */
    public static final String REASON_HEADER = "x-natter-reason";

    private final MessageService messages;
    private final Rabbit rabbit;
    private final Topology topology;
    private final ObjectMapper json;
    private final int prefetch;
    private final long backoffMs;

    MessageConsumer(MessageService messages, Rabbit rabbit, Topology topology, ObjectMapper json, AppConfig config) {
        this.messages = messages;
        this.rabbit = rabbit;
        this.topology = topology;
        this.json = json;
        this.prefetch = config.rabbitmq().prefetch();
        this.backoffMs = config.rabbitmq().retryBackoff().toMillis();
    }

    void attach(@Observes Rabbit.Connected event) throws IOException {
        Channel ch = event.connection().createChannel();
        ch.basicQos(prefetch);
        ch.basicConsume(topology.messagesQueue(), false, "natter-app-api", new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                handle(getChannel(), envelope, props, body);
            }
        });
    }

    private void handle(Channel ch, Envelope envelope, AMQP.BasicProperties props, byte[] body) throws IOException {
        long tag = envelope.getDeliveryTag();
        Outcome outcome;
        try {
            outcome = messages.store(ChatMessage.parse(parse(body)));
        } catch (IllegalArgumentException e) {
            outcome = new Rejected("malformed: " + e.getMessage());
        } catch (StoreUnavailableException e) {
            LOG.warn("database unavailable; chat message handed back for redelivery");
            pause();
            ch.basicNack(tag, false, true);
            return;
        } catch (RuntimeException e) {
            // A bug must not stall the queue behind one message, nor lose it: park it with the reason.
            LOG.error("chat message could not be stored", e);
            outcome = new Rejected("internal error: " + e.getClass().getSimpleName());
        }
        if (outcome instanceof Rejected rejected) {
            try {
                deadLetter(props, body, rejected.reason());
            } catch (BrokerUnavailableException e) {
                LOG.warn("dead-letter publish failed; chat message handed back for redelivery");
                pause();
                if (ch.isOpen()) {
                    ch.basicNack(tag, false, true);
                }
                return;
            }
            LOG.infof("chat message dead-lettered: %s", rejected.reason());
        }
        ch.basicAck(tag, false);
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("payload is not JSON");
        }
    }

    private void deadLetter(AMQP.BasicProperties original, byte[] body, String reason)
            throws BrokerUnavailableException {
        Map<String, Object> headers = new HashMap<>();
        if (original.getHeaders() != null) {
            headers.putAll(original.getHeaders());
        }
        headers.put(REASON_HEADER, reason);
        AMQP.BasicProperties props = Rabbit.jsonProps(original.getMessageId()).builder()
                .contentType(original.getContentType() == null ? "application/json" : original.getContentType())
                .headers(headers)
                .build();
        // Straight to the queue through the default exchange: the DLQ has one reader and no routing.
        rabbit.publish(List.of(new Rabbit.Outgoing("", topology.messagesDeadLetterQueue(), props, body)), false);
    }

    private void pause() {
        try {
            Thread.sleep(backoffMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
