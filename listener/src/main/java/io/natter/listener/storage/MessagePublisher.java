package io.natter.listener.storage;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.natter.listener.config.ListenerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Puts chat events on the exchange {@code <prefix>natter.messages} (routing key = thread) with
 * publisher confirms, from one thread of its own: the WAMP event handler only {@link #submit}s to
 * the bounded {@link EventBuffer} and returns, so nothing on the socket path waits for RabbitMQ.
 *
 * <p>The thread publishes each event as soon as it is in the buffer, without waiting for the
 * confirms of the ones before it, while at most {@code natter.rabbitmq.in-flight} await their
 * confirms; an event leaves the buffer when it and every one before it are confirmed
 * ({@link EventBuffer}). So a slow confirm (a persistent message waits for the broker's disk)
 * delays no event's way to app-api, only its removal from the buffer. A connection lost, a nack or
 * a confirm later than {@code natter.rabbitmq.confirm-timeout} means everything unconfirmed goes
 * out again on a new connection, in order, from the head (at least once; app-api's idempotency on
 * the publication id makes a repeat harmless). While the broker is away it retries with a growing pause; the buffer
 * holds what arrives meanwhile, up to {@code natter.listener.buffer-size}; what does not fit is
 * counted ({@code natter_listener_messages_dropped_total}) and logged at WARN (at most one line
 * per 10 s), never waited for.
 *
 * <p>The exchange is declared as app-api declares it (durable topic), and so is app-api's queue
 * {@code <prefix>natter.messages} bound with {@code #}: a listener that starts before app-api
 * does not publish into an exchange no queue is bound to.
 */
@ApplicationScoped
public class MessagePublisher {

    private static final Logger LOG = Logger.getLogger(MessagePublisher.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Events published in one go before the thread looks at the buffer again. */
    private static final int PUBLISH_ROUND = 256;

    private final ListenerConfig.Rabbitmq settings;
    private final EventBuffer buffer;
    private final String exchange;
    private final String queue;
    private final Counter forwarded;
    private final Counter dropped;
    private final Counter brokerFailures;
    private final AtomicLong droppedSinceWarn = new AtomicLong();
    private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private volatile boolean running;
    private volatile boolean connected;
    /** Whether an unreachable broker was logged at WARN since the last connection; only the publisher thread uses it. */
    private boolean warnedAway;
    private Thread thread;
    private Connection connection;

    MessagePublisher(ListenerConfig config, MeterRegistry registry) {
        this.settings = config.rabbitmq();
        Timer toPublish = Timer.builder("natter.listener.messages.publish.wait")
                .description("chat event received from the router → published to RabbitMQ")
                .publishPercentiles(0.5, 0.99).register(registry);
        Timer toConfirm = Timer.builder("natter.listener.messages.confirm.wait")
                .description("chat event published → confirmed by RabbitMQ (and every one before it)")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.buffer = new EventBuffer(config.listener().bufferSize(), new EventBuffer.Timings() {
            @Override
            public void waitedToPublish(long nanos) {
                toPublish.record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void waitedForConfirm(long nanos) {
                toConfirm.record(nanos, TimeUnit.NANOSECONDS);
            }
        });
        this.exchange = settings.namePrefix().orElse("") + "natter.messages";
        this.queue = exchange;
        this.forwarded = Counter.builder("natter.listener.messages.forwarded")
                .description("chat events confirmed by RabbitMQ").register(registry);
        this.dropped = Counter.builder("natter.listener.messages.dropped")
                .description("chat events not kept: the buffer was full").register(registry);
        this.brokerFailures = Counter.builder("natter.listener.rabbitmq.failures")
                .description("connections lost to RabbitMQ failures, nacks or late confirms").register(registry);
        registry.gauge("natter.listener.messages.buffered", buffer, EventBuffer::size);
        registry.gauge("natter.listener.rabbitmq.connected", this, p -> p.connected ? 1 : 0);
    }

    void start(@Observes StartupEvent event) {
        start();
    }

    void stop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the publisher thread. */
    void start() {
        running = true;
        thread = new Thread(this::run, "natter-listener-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the publisher thread (up to 5 s) and closes the connection. */
    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (buffer.size() > 0) {
            LOG.warnf("shutting down with %d chat events not confirmed by RabbitMQ", buffer.size());
        }
        closeConnection();
    }

    /** Hands {@code event} to the publisher thread; never blocks. Returns false (counted, logged) when the buffer is full. */
    public boolean submit(ChatEvent event) {
        if (buffer.offer(event)) {
            return true;
        }
        dropped.increment();
        droppedSinceWarn.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarn.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarn.compareAndSet(last, now)) {
            LOG.warnf("chat event buffer full (%d events, RabbitMQ %s): %d events dropped since the last warning, "
                            + "publication %d of thread %s among them", buffer.capacity(),
                    connected ? "slow" : "away", droppedSinceWarn.getAndSet(0), event.publication(), event.thread());
        }
        return false;
    }

    /** Events waiting for the broker's confirm. */
    public int buffered() {
        return buffer.size();
    }

    public boolean isConnected() {
        return connected;
    }

    private void run() {
        long pause = settings.retryInitialDelay().toMillis();
        long confirmTimeout = settings.confirmTimeout().toNanos();
        int window = settings.inFlight();
        Channel channel = null;
        while (running) {
            try {
                if (channel == null || !channel.isOpen()) {
                    channel = open();
                    pause = settings.retryInitialDelay().toMillis();
                }
                String failure = buffer.failure();
                if (failure != null) {
                    throw new IOException(failure);
                }
                List<ChatEvent> next = buffer.takeToPublish(PUBLISH_ROUND, window, System.nanoTime());
                if (next.isEmpty()) {
                    long since = buffer.oldestUnconfirmedSince();
                    if (since >= 0 && System.nanoTime() - since > confirmTimeout) {
                        throw new TimeoutException("no confirm within " + settings.confirmTimeout());
                    }
                    buffer.awaitWork(window, 100);
                    continue;
                }
                for (ChatEvent event : next) {
                    channel.basicPublish(exchange, event.thread(), false, properties(event), event.body());
                }
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (Exception e) {
                brokerFailures.increment();
                if (connected || !warnedAway) {
                    warnedAway = true;
                    LOG.warnf("RabbitMQ %s (%s); %d chat events wait in the buffer and go out in order when it is back",
                            connected ? "lost" : "unreachable", describe(e), buffer.size());
                } else {
                    LOG.debugf("RabbitMQ still away: %s", describe(e));
                }
                connected = false;
                channel = null;
                closeConnection();
                sleep(pause);
                pause = Math.min(pause * 2, settings.retryMaxDelay().toMillis());
            }
        }
    }

    private Channel open() throws Exception {
        closeConnection();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(settings.host());
        factory.setPort(settings.port());
        factory.setUsername(settings.user());
        factory.setPassword(settings.password().reveal());
        factory.setConnectionTimeout(5000);
        factory.setRequestedHeartbeat(10);
        // Recovery is this class's job: a recovered channel would lose track of unconfirmed events.
        factory.setAutomaticRecoveryEnabled(false);
        Connection c = factory.newConnection("natter-listener");
        connection = c;
        Channel channel = c.createChannel();
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        channel.queueDeclare(queue, true, false, false, Map.of());
        channel.queueBind(queue, exchange, "#");
        channel.confirmSelect();
        long generation = buffer.reset(channel.getNextPublishSeqNo());
        channel.addConfirmListener((seq, multiple) -> forwarded.increment(buffer.confirm(generation, seq, multiple)),
                (seq, multiple) -> buffer.fail(generation, "RabbitMQ refused (nack) publish " + seq));
        channel.addShutdownListener(cause -> buffer.fail(generation, "channel closed: " + cause.getMessage()));
        connected = true;
        warnedAway = false;
        LOG.infof("RabbitMQ connected at %s:%d; forwarding chat events to %s (%d waiting)", settings.host(),
                settings.port(), exchange, buffer.size());
        return channel;
    }

    private static AMQP.BasicProperties properties(ChatEvent event) {
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .messageId("wamp-" + event.publication())
                .build();
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.abort(1000);
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // running says whether to go on
        }
    }
}
