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
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Consumes {@code natter.messages} and stores each chat message once, in batches.
 *
 * <p>The client's delivery thread only hands deliveries to one storing thread. That thread takes
 * whatever has arrived (at most {@code natter.messages.batch-size}, and never waits for more: a
 * batch is flushed as soon as nothing more is ready), stores it in one transaction, and only after
 * the commit acknowledges it — with one {@code basic.ack multiple} when every message of the batch
 * is settled that way. A crash between commit and ack causes a redelivery that the publication id
 * turns into a no-op. A refused message is first published to {@code natter.messages.dlq} with
 * the reason and confirmed, then acknowledged. A database failure hands every message of the batch
 * back (nack with requeue) after a pause; nothing taken from the queue is dropped. A failure that
 * is not the database's (a bug) makes the batch be stored one message at a time, so that only the
 * message that causes it is parked in the DLQ.
 */
@ApplicationScoped
public class MessageConsumer {

    private static final Logger LOG = Logger.getLogger(MessageConsumer.class);
    /** Header of a dead-lettered message that says why it was refused. */
    public static final String REASON_HEADER = "x-natter-reason";

    private record Delivery(Channel channel, long tag, AMQP.BasicProperties props, byte[] body) {
    }

    private final MessageService messages;
    private final Rabbit rabbit;
    private final Topology topology;
    private final ObjectMapper json;
    private final int prefetch;
    private final int batchSize;
    private final long backoffMs;
    private final LinkedBlockingQueue<Delivery> ready = new LinkedBlockingQueue<>();
    private volatile Thread worker;
    private volatile boolean stopping;

    MessageConsumer(MessageService messages, Rabbit rabbit, Topology topology, ObjectMapper json, AppConfig config) {
        this.messages = messages;
        this.rabbit = rabbit;
        this.topology = topology;
        this.json = json;
        this.prefetch = config.rabbitmq().prefetch();
        this.batchSize = Math.max(1, config.messages().batchSize());
        this.backoffMs = config.rabbitmq().retryBackoff().toMillis();
    }

    void attach(@Observes Rabbit.Connected event) throws IOException {
        startWorker();
        Channel ch = event.connection().createChannel();
        ch.basicQos(prefetch);
        ch.basicConsume(topology.messagesQueue(), false, "natter-app-api", new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                ready.add(new Delivery(getChannel(), envelope.getDeliveryTag(), props, body));
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }

    private synchronized void startWorker() {
        if (worker == null) {
            Thread t = new Thread(this::run, "natter-message-store");
            t.setDaemon(true);
            worker = t;
            t.start();
        }
    }

    private void run() {
        List<Delivery> batch = new ArrayList<>(batchSize);
        while (!stopping) {
            try {
                Delivery first = ready.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // Only what has arrived already, and only of the same channel: after a reconnect the
                // old channel's deliveries cannot be acked any more (the broker redelivers them).
                Delivery d;
                while (batch.size() < batchSize && (d = ready.peek()) != null && d.channel() == first.channel()) {
                    batch.add(ready.poll());
                }
                handle(first.channel(), batch);
            } catch (InterruptedException e) {
                if (stopping) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // The channel closed under us: its unacked deliveries come again on the next one.
                LOG.warnf("chat message batch not settled: %s", e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    private void handle(Channel ch, List<Delivery> batch) throws IOException {
        if (!ch.isOpen()) {
            return;
        }
        Outcome[] outcomes = new Outcome[batch.size()];
        List<ChatMessage> parsed = new ArrayList<>(batch.size());
        List<Integer> index = new ArrayList<>(batch.size());
        for (int i = 0; i < outcomes.length; i++) {
            try {
                parsed.add(ChatMessage.parse(parse(batch.get(i).body())));
                index.add(i);
            } catch (IllegalArgumentException e) {
                outcomes[i] = new Rejected("malformed: " + e.getMessage());
            }
        }
        try {
            List<Outcome> stored;
            try {
                stored = parsed.isEmpty() ? List.of() : messages.storeBatch(parsed);
            } catch (StoreUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warn("chat message batch failed; storing its messages one by one", e);
                stored = one(parsed);
            }
            for (int j = 0; j < stored.size(); j++) {
                outcomes[index.get(j)] = stored.get(j);
            }
        } catch (StoreUnavailableException e) {
            LOG.warnf("database unavailable; %d chat messages handed back for redelivery", batch.size());
            pause();
            // All of the batch, oldest first, so the broker requeues them in their order.
            ch.basicNack(batch.get(batch.size() - 1).tag(), true, true);
            return;
        }
        boolean allAcked = true;
        boolean[] ack = new boolean[outcomes.length];
        for (int i = 0; i < outcomes.length; i++) {
            ack[i] = true;
            if (outcomes[i] instanceof Rejected rejected) {
                Delivery d = batch.get(i);
                try {
                    deadLetter(d.props(), d.body(), rejected.reason());
                    LOG.infof("chat message dead-lettered: %s", rejected.reason());
                } catch (BrokerUnavailableException e) {
                    LOG.warn("dead-letter publish failed; chat message handed back for redelivery");
                    ack[i] = false;
                    allAcked = false;
                }
            }
        }
        if (allAcked) {
            ch.basicAck(batch.get(batch.size() - 1).tag(), true);
            return;
        }
        pause();
        for (int i = 0; i < outcomes.length; i++) {
            if (!ch.isOpen()) {
                return;
            }
            if (ack[i]) {
                ch.basicAck(batch.get(i).tag(), false);
            } else {
                ch.basicNack(batch.get(i).tag(), false, true);
            }
        }
    }

    /** Each message in a transaction of its own; a failure that is not the database's parks only that one. */
    private List<Outcome> one(List<ChatMessage> parsed) {
        List<Outcome> out = new ArrayList<>(parsed.size());
        for (ChatMessage m : parsed) {
            try {
                out.add(messages.store(m));
            } catch (StoreUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                // A bug must not stall the queue behind one message, nor lose it: park it with the reason.
                LOG.error("chat message could not be stored", e);
                out.add(new Rejected("internal error: " + e.getClass().getSimpleName()));
            }
        }
        return out;
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
