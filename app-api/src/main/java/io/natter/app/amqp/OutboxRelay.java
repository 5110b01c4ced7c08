package io.natter.app.amqp;

import io.natter.app.config.AppConfig;
import io.natter.app.store.Db;
import io.natter.app.store.Outbox;
import io.natter.app.store.StoreUnavailableException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to {@code natter.events} with publisher confirms and deletes them once
 * confirmed, oldest first. Rows are locked with {@code SKIP LOCKED}, so several app-api instances
 * share the work without publishing a row twice at the same time; after a crash between confirm
 * and delete an event goes out again (at-least-once, message id {@code outbox-<id>} for
 * consumers that care). While RabbitMQ or PostgreSQL is away the rows wait; the next round
 * retries.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Db db;
    private final Rabbit rabbit;
    private final Topology topology;
    private final int batchSize;

    OutboxRelay(Db db, Rabbit rabbit, Topology topology, AppConfig config) {
        this.db = db;
        this.rabbit = rabbit;
        this.topology = topology;
        this.batchSize = config.outbox().batchSize();
    }

    @Scheduled(every = "${natter.outbox.interval:PT1S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        if (!rabbit.isConnected()) {
            return;
        }
        try {
            while (relayBatch() == batchSize) {
                // a full batch: more may be waiting
            }
        } catch (StoreUnavailableException e) {
            LOG.warn("outbox relay: database unavailable; retrying");
        } catch (RelayFailed e) {
            LOG.warnf("outbox relay: %s; retrying", e.getMessage());
        }
    }

    /** Publishes and deletes one batch in one transaction; returns how many went out. */
    int relayBatch() {
        return db.tx(c -> {
            List<Long> ids = new ArrayList<>();
            List<Rabbit.Outgoing> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, target, routing_key, payload::text FROM outbox ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                s.setInt(1, batchSize);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long id = r.getLong(1);
                        ids.add(id);
                        String exchange = Outbox.Target.NOTIFICATIONS.column().equals(r.getString(2))
                                ? topology.notificationsExchange() : topology.eventsExchange();
                        out.add(new Rabbit.Outgoing(exchange, r.getString(3),
                                Rabbit.jsonProps("outbox-" + id), r.getString(4).getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            try {
                rabbit.publish(out, false);
            } catch (BrokerUnavailableException e) {
                throw new RelayFailed(e.getMessage());
            }
            Array idArray = c.createArrayOf("bigint", ids.toArray());
            try (PreparedStatement s = c.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)")) {
                s.setArray(1, idArray);
                s.executeUpdate();
            }
            return ids.size();
        });
    }

    /** Publishing failed; the transaction rolls back and the rows stay. */
    private static final class RelayFailed extends RuntimeException {
        RelayFailed(String message) {
            super(message, null, false, false);
        }
    }
}
