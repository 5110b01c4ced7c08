package io.natter.notifier.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.micrometer.core.instrument.MeterRegistry;
import io.natter.notifier.config.NotifierConfig;
import io.natter.notifier.delivery.Deliverer;
import io.natter.notifier.delivery.Validator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Consumes {@code <prefix>natter.notifier} with manual acks and a bounded prefetch, and settles each
 * message only when its fate is certain: acked after the router acknowledged every publish
 * ({@link Deliverer}), or after its copy in the DLQ was confirmed by the broker.
 *
 * <p>Concurrency: deliveries arrive on the RabbitMQ client's consumer threads, where they are
 * validated (pure, bounded by {@link Validator#MAX_MESSAGE}); delivery runs on one Vert.x event-loop
 * context; every blocking RabbitMQ call (connect, ack, DLQ publish and its confirm) runs on the single
 * {@code notifier-amqp} thread, so the event loop never waits for the broker and channel calls never
 * interleave. A message not yet settled when the connection drops (or the notifier stops) goes back
 * to the queue and is delivered again, with the same notification id.
 */
@ApplicationScoped
public class NotificationConsumer {

    private static final Logger LOG = Logger.getLogger(NotificationConsumer.class);
    public static final String REASON_HEADER = "x-natter-reason";

    private final NotifierConfig config;
    private final Topology topology;
    private final Deliverer deliverer;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final ScheduledExecutorService amqp = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "notifier-amqp");
        t.setDaemon(true);
        return t;
    });
    private volatile Connection connection;
    private volatile Channel consume;
    private volatile Channel deadLetters;
    private volatile boolean stopping;
    private Context context;

    NotificationConsumer(NotifierConfig config, Topology topology, Deliverer deliverer, Vertx vertx,
                         MeterRegistry registry) {
        this.config = config;
        this.topology = topology;
        this.deliverer = deliverer;
        this.vertx = vertx;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        context = vertx.getOrCreateContext();
        amqp.execute(this::connect);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        amqp.execute(() -> {
            Connection c = connection;
            if (c != null) {
                try {
                    c.close(2000);
                } catch (Exception e) {
                    // closing anyway; unsettled messages go back to the queue
                }
            }
        });
        amqp.shutdown();
        try {
            amqp.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the connection is open and the queue consumed. */
    public boolean isConsuming() {
        Channel c = consume;
        return c != null && c.isOpen();
    }

    private void connect() {
        if (stopping) {
            return;
        }
        NotifierConfig.Rabbitmq rabbit = config.rabbitmq();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(rabbit.host());
        factory.setPort(rabbit.port());
        factory.setUsername(rabbit.user());
        factory.setPassword(rabbit.password().reveal());
        factory.setConnectionTimeout(5000);
        factory.setRequestedHeartbeat(10);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(rabbit.reconnectInterval().toMillis());
        try {
            Connection c = factory.newConnection("natter-notifier");
            Channel dl = c.createChannel();
            dl.confirmSelect();
            Channel ch = c.createChannel();
            topology.declare(ch);
            ch.basicQos(config.notifier().prefetch());
            connection = c;
            deadLetters = dl;
            consume = ch;
            ch.basicConsume(topology.queue(), false, "natter-notifier", new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                    received(envelope, props, body);
                }
            });
            LOG.infof("consuming %s (prefetch %d) on %s:%d", topology.queue(), config.notifier().prefetch(),
                    rabbit.host(), rabbit.port());
        } catch (Exception e) {
            LOG.warnf("RabbitMQ %s:%d not reachable (%s); retrying in %s", rabbit.host(), rabbit.port(),
                    e.getMessage(), rabbit.reconnectInterval());
            Connection c = connection;
            connection = null;
            if (c != null) {
                try {
                    c.abort();
                } catch (Exception ignored) {
                    // already broken
                }
            }
            if (!stopping) {
                amqp.schedule(this::connect, rabbit.reconnectInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void received(Envelope envelope, AMQP.BasicProperties props, byte[] body) {
        long tag = envelope.getDeliveryTag();
        Instant timestamp = props.getTimestamp() == null ? null : props.getTimestamp().toInstant();
        Validator.Outcome outcome = Validator.validate(envelope.getRoutingKey(), body, props.getMessageId(), timestamp,
                Instant.now());
        if (outcome.refused() != null) {
            settleRefused(tag, envelope, props, body, outcome.refused());
            return;
        }
        context.runOnContext(v -> deliverer.deliver(outcome.notification()).onComplete(done -> {
            if (done.succeeded() && done.result() == null) {
                registry.counter("natter.notifier.delivered").increment();
                amqp.execute(() -> ack(tag));
            } else if (done.succeeded()) {
                settleRefused(tag, envelope, props, body, done.result());
            } else if (!(done.cause() instanceof Deliverer.Stopping)) {
                LOG.errorf(done.cause(), "delivery of %s failed; it stays on the queue", outcome.notification().id());
            }
        }));
    }

    private void settleRefused(long tag, Envelope envelope, AMQP.BasicProperties props, byte[] body,
                               Validator.Refused reason) {
        amqp.execute(() -> {
            Map<String, Object> headers = new HashMap<>(props.getHeaders() == null ? Map.of() : props.getHeaders());
            headers.put(REASON_HEADER, reason.header());
            headers.put("x-natter-routing-key", envelope.getRoutingKey());
            AMQP.BasicProperties copy = props.builder().headers(headers).deliveryMode(2).build();
            try {
                Channel dl = deadLetters;
                dl.basicPublish("", topology.deadLetterQueue(), copy, body);
                dl.waitForConfirmsOrDie(config.rabbitmq().confirmTimeout().toMillis());
                registry.counter("natter.notifier.dead_lettered", "reason", reason.code()).increment();
                LOG.infof("refused a notification for %s: %s", envelope.getRoutingKey(), reason.header());
                ack(tag);
            } catch (Exception e) {
                LOG.warnf("dead-lettering failed (%s); the message goes back to the queue", e.getMessage());
                try {
                    consume.basicNack(tag, false, true);
                } catch (Exception ignored) {
                    // the channel is gone: the broker requeues it anyway
                }
            }
        });
    }

    private void ack(long tag) {
        try {
            consume.basicAck(tag, false);
        } catch (Exception e) {
            // The channel closed: the broker hands the message out again (same id), the client drops it.
            LOG.infof("ack failed (%s); the message will be redelivered", e.getMessage());
        }
    }
}
