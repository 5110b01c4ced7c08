package io.natter.app.amqp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
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
 * Consumes {@code natter.messages} and stores each chat message once, in batches, in the order
 * RabbitMQ delivers them (which gives each its per-thread {@code seq}).
 *
 * <p>Concurrency and order: one consumer channel at a time. The client's delivery thread only
 * appends deliveries to {@code ready}; one storing thread ({@code natter-message-store}) takes
 * whatever has arrived (at most {@code natter.messages.batch-size}, never waiting for more),
 * stores it in one transaction ({@link MessageService#storeBatch}), and only after the commit
 * settles the batch with one {@code basic.ack multiple}. A refused message is first published to
 * {@code natter.messages.dlq} with the reason and confirmed, then acknowledged with the batch.
 *
 * <p>Nothing is ever handed back one message or one batch at a time ({@code basic.nack} with
 * requeue would put those messages behind later ones the channel already holds, and those would
 * be stored first). Instead, on a database failure (after a pause) or a failed dead-letter
 * publish, the channel is closed: RabbitMQ then requeues everything unacknowledged at its original
 * place, and the deliveries of that channel still in memory are dropped unstored (only the
 * current, open channel's deliveries are stored). A new channel consumes them again in their
 * order. A crash, or a channel lost between commit and ack, likewise means a redelivery in order,
 * which the publication id turns into {@link MessageService.Duplicate}s. A failure that is not the
 * database's (a bug) makes the batch be stored one message at a time, so that only the message that
 * causes it is parked in the DLQ.
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
    /** The channel whose deliveries are stored; those of any other channel are dropped. */
    private volatile Channel current;
    private Thread worker;
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
        consume(event.connection());
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        Thread t;
        synchronized (this) {
            t = worker;
        }
        if (t != null) {
            t.interrupt();
        }
    }

    /** Opens a consumer channel on {@code connection}, closing the previous one first. */
    private synchronized void consume(Connection connection) throws IOException {
        closeQuietly(current);
        Channel ch = connection.createChannel();
        ch.basicQos(prefetch);
        current = ch;
        // Exclusive: while a consumer of ours still holds messages (a connection the broker has not
        // yet seen die), no other may take the ones behind them; the broker refuses this one until
        // the old is gone and its messages are requeued, and the supervisor tries again.
        ch.basicConsume(topology.messagesQueue(), false, "natter-app-api", false, true, Map.of(), new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                ready.add(new Delivery(getChannel(), envelope.getDeliveryTag(), props, body));
            }
        });
    }

    private synchronized void startWorker() {
        if (worker == null) {
            worker = new Thread(this::run, "natter-message-store");
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void run() {
        List<Delivery> batch = new ArrayList<>(batchSize);
        while (!stopping) {
            try {
                Delivery first = ready.poll(1, TimeUnit.SECONDS);
                if (first == null || !live(first.channel())) {
                    // A closed or replaced channel: RabbitMQ requeues what it held, in order.
                    continue;
                }
                batch.add(first);
                Delivery d;
                while (batch.size() < batchSize && (d = ready.peek()) != null && d.channel() == first.channel()) {
                    batch.add(ready.poll());
                }
                settle(first.channel(), batch);
            } catch (InterruptedException e) {
                if (stopping) {
                    return;
                }
            } catch (StoreUnavailableException e) {
                LOG.warnf("database unavailable; %d chat messages go back to the queue, in order", batch.size());
                pause();
                handBack(batch.get(0).channel());
            } catch (BrokerUnavailableException e) {
                LOG.warn("dead-letter publish failed; the batch goes back to the queue, in order");
                handBack(batch.get(0).channel());
            } catch (IOException | RuntimeException e) {
                // The ack failed: the channel closed under us, and its deliveries come again, in order,
                // on the next one (stored ones as duplicates).
                LOG.warnf("chat message batch stored but not acknowledged: %s", e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    private boolean live(Channel ch) {
        return ch == current && ch.isOpen();
    }

    /** Stores a batch of one channel's deliveries and acknowledges all of it. */
    private void settle(Channel ch, List<Delivery> batch) throws IOException, BrokerUnavailableException {
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
        List<Outcome> stored = store(parsed);
        for (int j = 0; j < stored.size(); j++) {
            outcomes[index.get(j)] = stored.get(j);
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] instanceof Rejected rejected) {
                Delivery d = batch.get(i);
                deadLetter(d.props(), d.body(), rejected.reason());
                LOG.infof("chat message dead-lettered: %s", rejected.reason());
            }
        }
        ch.basicAck(batch.get(batch.size() - 1).tag(), true);
    }

    private List<Outcome> store(List<ChatMessage> parsed) {
        if (parsed.isEmpty()) {
            return List.of();
        }
        try {
            return messages.storeBatch(parsed);
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("chat message batch failed; storing its messages one by one", e);
            return oneByOne(parsed);
        }
    }

    /** Each message in a transaction of its own; a failure that is not the database's parks only that one. */
    private List<Outcome> oneByOne(List<ChatMessage> parsed) {
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

    /**
     * Closes {@code ch} so that RabbitMQ requeues every message it held unacknowledged at its
     * original place, then consumes again on the same connection if it is still up (else the
     * supervisor's next {@link Rabbit.Connected} does).
     */
    private void handBack(Channel ch) {
        synchronized (this) {
            if (ch != current) {
                return; // replaced meanwhile by a new connection's channel
            }
            closeQuietly(ch);
            Connection c = ch.getConnection();
            if (stopping || !c.isOpen()) {
                return;
            }
            try {
                consume(c);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("could not consume chat messages again (%s); reconnecting", e.toString());
                try {
                    c.abort(1000);
                } catch (RuntimeException ignored) {
                    // closed meanwhile: the supervisor reconnects either way
                }
            }
        }
    }

    private static void closeQuietly(Channel ch) {
        if (ch != null && ch.isOpen()) {
            try {
                ch.abort();
            } catch (IOException | RuntimeException e) {
                // closed meanwhile
            }
        }
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
