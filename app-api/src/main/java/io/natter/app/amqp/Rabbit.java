package io.natter.app.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.natter.app.config.AppConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The one RabbitMQ connection of app-api and its confirming publisher channel.
 *
 * <p>Concurrency: {@link #supervise()} (once at start-up on the main thread, then on the
 * scheduler thread, never overlapping itself: {@code superviseLock}) is the only place that
 * opens connections; it checks every second and reconnects when the connection is
 * gone, then declares the topology and fires {@link Connected} so the consumer attaches. The
 * client library's own recovery is off so that there is one reconnect model, which also covers
 * a broker that is down when app-api starts. Publishing holds {@link #publishLock} from publish to
 * confirm, so confirms on the shared channel belong to the caller that waits for them.
 */
@ApplicationScoped
public class Rabbit {

    private static final Logger LOG = Logger.getLogger(Rabbit.class);

    /** Fired on the supervisor thread each time a new connection is up and the topology declared. */
    public record Connected(Connection connection) {
    }

    /** One message to publish. */
    public record Outgoing(String exchange, String routingKey, AMQP.BasicProperties props, byte[] body) {
    }

    private final ConnectionFactory factory;
    private final Topology topology;
    private final Event<Connected> connected;
    private final long confirmTimeoutMs;
    private final ReentrantLock publishLock = new ReentrantLock();
    private final ReentrantLock superviseLock = new ReentrantLock();
    private final Set<String> returned = ConcurrentHashMap.newKeySet();
    private volatile Connection connection;
    private Channel publisher;
    private volatile boolean stopping;

    Rabbit(AppConfig config, Topology topology, Event<Connected> connected) {
        AppConfig.Rabbitmq c = config.rabbitmq();
        this.factory = new ConnectionFactory();
        factory.setHost(c.host());
        factory.setPort(c.port());
        factory.setUsername(c.username());
        factory.setPassword(c.password().reveal());
        factory.setVirtualHost(c.virtualHost());
        factory.setConnectionTimeout((int) c.connectTimeout().toMillis());
        factory.setHandshakeTimeout((int) c.connectTimeout().toMillis() * 2);
        factory.setRequestedHeartbeat((int) Math.max(1, c.heartbeat().toSeconds()));
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        this.topology = topology;
        this.connected = connected;
        this.confirmTimeoutMs = c.confirmTimeout().toMillis();
    }

    /** Whether a connection is up. */
    public boolean isConnected() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    /**
     * A first connection attempt before start-up completes: readiness no longer waits for the
     * broker, so without this a request right after start could find no link although the broker
     * is there. Bounded by the connect and handshake timeouts; a broker that is away only delays
     * nothing (refused at once) or those few seconds (silent).
     */
    void connectAtStart(@Observes StartupEvent event) {
        supervise();
    }

    /** Connects when not connected; runs at start and every second. */
    @Scheduled(every = "${natter.rabbitmq.reconnect-interval:PT1S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void supervise() {
        if (!superviseLock.tryLock()) {
            return;
        }
        try {
            superviseOnce();
        } finally {
            superviseLock.unlock();
        }
    }

    private void superviseOnce() {
        if (stopping || isConnected()) {
            return;
        }
        Connection c = null;
        try {
            c = factory.newConnection("natter-app-api");
            try (Channel ch = c.createChannel()) {
                topology.declare(ch);
            }
            Channel pub = c.createChannel();
            pub.confirmSelect();
            pub.addReturnListener(r -> returned.add(String.valueOf(r.getProperties().getMessageId())));
            publishLock.lock();
            try {
                publisher = pub;
            } finally {
                publishLock.unlock();
            }
            connection = c;
            connected.fire(new Connected(c));
            LOG.infof("connected to RabbitMQ %s:%d", factory.getHost(), factory.getPort());
        } catch (IOException | TimeoutException | RuntimeException e) {
            // Only the class: broker messages may echo connection details.
            LOG.warnf("RabbitMQ unavailable (%s); retrying", e.getClass().getSimpleName());
            closeQuietly(c);
        }
    }

    /**
     * Publishes messages and waits until the broker confirmed all of them. With {@code mandatory},
     * a message no queue took counts as a failure. On any failure the publisher channel is
     * dropped and the connection aborted, so the supervisor starts over from a clean state.
     *
     * <p>The whole call, waiting for the publisher lock included, is bounded by the confirm
     * timeout: a broker that accepts TCP but never answers costs a caller that long, not the
     * client library's close handshakes on top of it.
     */
    public void publish(List<Outgoing> messages, boolean mandatory) throws BrokerUnavailableException {
        long deadline = System.nanoTime() + confirmTimeoutMs * 1_000_000L;
        try {
            if (!publishLock.tryLock(confirmTimeoutMs, TimeUnit.MILLISECONDS)) {
                throw new BrokerUnavailableException("RabbitMQ busy: an earlier publish is still unconfirmed", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted", e);
        }
        try {
            Channel ch = publisher;
            if (!isConnected() || ch == null || !ch.isOpen()) {
                throw new BrokerUnavailableException("RabbitMQ not connected", null);
            }
            for (Outgoing m : messages) {
                ch.basicPublish(m.exchange(), m.routingKey(), mandatory, m.props(), m.body());
            }
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            // waitForConfirms, not waitForConfirmsOrDie: the latter closes the channel politely and
            // waits for the broker's answer to that too, which a silent broker never gives.
            if (!ch.waitForConfirms(left)) {
                throw new IOException("broker nacked a message");
            }
            if (mandatory) {
                for (Outgoing m : messages) {
                    if (returned.remove(m.props().getMessageId())) {
                        throw new BrokerUnavailableException("no queue is bound for " + m.routingKey(), null);
                    }
                }
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.warnf("publish failed (%s); reconnecting", e.getClass().getSimpleName());
            abortInBackground(connection);
            throw new BrokerUnavailableException("RabbitMQ did not confirm", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted", e);
        } finally {
            publishLock.unlock();
        }
    }

    /** Persistent JSON message properties with a fresh message id. */
    public static AMQP.BasicProperties jsonProps(String messageId) {
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .messageId(messageId == null ? UUID.randomUUID().toString() : messageId)
                .timestamp(new java.util.Date())
                .build();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        closeQuietly(connection);
    }

    /**
     * Aborts a connection without making the caller wait: abort still sends connection.close
     * and waits up to a second for the answer, which a silent broker never sends. The
     * connection counts as closed at once, so the supervisor reconnects on its next round.
     */
    private static void abortInBackground(Connection c) {
        if (c != null) {
            Thread t = new Thread(() -> closeQuietly(c), "rabbitmq-abort");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.abort(1000);
        } catch (RuntimeException ignored) {
            // already closed
        }
    }
}
