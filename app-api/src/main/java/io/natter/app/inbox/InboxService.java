package io.natter.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natter.app.config.AppConfig;
import io.natter.app.store.Db;
import io.natter.app.store.StoreUnavailableException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The notification inbox (table {@code inbox}, V3): one row per recipient, written when the notifier
 * says so, keyed by {@code (user, id)} so that a repeat changes nothing; read and marked read by
 * the user; deleted after {@code natter.inbox.retention}.
 */
@ApplicationScoped
public class InboxService {

    private static final Logger LOG = Logger.getLogger(InboxService.class);

    /** One stored notification as {@code GET /api/notifications} answers it. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Item(String id, String title, String body, JsonNode data, String from, String ts, boolean read) {
    }

    private final Db db;
    private final ObjectMapper json;
    private final AppConfig config;

    InboxService(Db db, ObjectMapper json, AppConfig config) {
        this.db = db;
        this.json = json;
        this.config = config;
    }

    /** A notification and who receives it. */
    public record Entry(List<String> recipients, Item item) {
    }

    /**
     * Stores each entry's item for each of its recipients that exists, all in one transaction and
     * one statement (arrays unnested, joined with {@code users}); a row already there (same user and
     * id, in an earlier batch or earlier in this one) is left as it is. Returns how many rows were new.
     */
    public int store(List<Entry> entries) {
        List<String> users = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        List<String> data = new ArrayList<>();
        List<String> senders = new ArrayList<>();
        List<String> stamps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Entry e : entries) {
            Item item = e.item();
            String json = item.data() == null || item.data().isNull() ? null : item.data().toString();
            for (String user : e.recipients()) {
                if (!seen.add(user + '\n' + item.id())) {
                    continue; // a repeat in the same batch: the first one is kept, as across batches
                }
                users.add(user);
                ids.add(item.id());
                titles.add(item.title());
                bodies.add(item.body() == null ? "" : item.body());
                data.add(json);
                senders.add(item.from());
                stamps.add(item.ts());
            }
        }
        if (users.isEmpty()) {
            return 0;
        }
        return db.tx(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO inbox (user_name, id, title, body, data, sender, ts) "
                    + "SELECT u.name, e.id, e.title, e.body, CAST(e.data AS jsonb), e.sender, e.ts "
                    + "FROM unnest(?, ?, ?, ?, ?, ?, ?) AS e(user_name, id, title, body, data, sender, ts) "
                    + "JOIN users u ON u.name = e.user_name "
                    + "ON CONFLICT (user_name, id) DO NOTHING")) {
                List<List<String>> columns = List.of(users, ids, titles, bodies, data, senders, stamps);
                for (int i = 0; i < columns.size(); i++) {
                    s.setArray(i + 1, c.createArrayOf("text", columns.get(i).toArray()));
                }
                return s.executeUpdate();
            }
        });
    }

    /** The user's notifications (only unread ones when {@code unreadOnly}), newest first. */
    public List<Item> list(String user, boolean unreadOnly) {
        return db.tx(c -> {
            List<Item> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, title, body, data, sender, ts, read_at IS NOT NULL "
                    + "FROM inbox WHERE user_name = ?" + (unreadOnly ? " AND read_at IS NULL" : "")
                    + " ORDER BY created_at DESC, id LIMIT ?")) {
                s.setString(1, user);
                s.setInt(2, config.inbox().maxListed());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String data = r.getString(4);
                        items.add(new Item(r.getString(1), r.getString(2), r.getString(3),
                                data == null ? null : parse(data), r.getString(5), r.getString(6), r.getBoolean(7)));
                    }
                }
            }
            return items;
        });
    }

    /** Marks those of {@code ids} that are the user's as read; returns how many changed. */
    public int markRead(String user, Collection<String> ids) {
        return db.tx(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE inbox SET read_at = now() "
                    + "WHERE user_name = ? AND id = ANY (?) AND read_at IS NULL")) {
                s.setString(1, user);
                s.setArray(2, c.createArrayOf("text", ids.toArray()));
                return s.executeUpdate();
            }
        });
    }

    /** Deletes notifications older than the retention. */
    @Scheduled(every = "1h", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            int n = purgeOlderThan(Instant.now().minus(config.inbox().retention()));
            if (n > 0) {
                LOG.infof("inbox: %d notifications past their retention deleted", n);
            }
        } catch (StoreUnavailableException e) {
            LOG.warn("inbox purge: database unavailable; next round");
        }
    }

    /** Deletes notifications stored before {@code cutoff}; returns how many. */
    public int purgeOlderThan(Instant cutoff) {
        return db.tx(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM inbox WHERE created_at < ?")) {
                s.setTimestamp(1, Timestamp.from(cutoff));
                return s.executeUpdate();
            }
        });
    }

    private JsonNode parse(String data) {
        try {
            return json.readTree(data);
        } catch (IOException e) {
            throw new IllegalStateException("stored data is not JSON", e);
        }
    }
}
