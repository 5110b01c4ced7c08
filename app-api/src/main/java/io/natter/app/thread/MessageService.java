package io.natter.app.thread;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.natter.app.store.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Stores chat messages once each and reads history by per-thread sequence number. */
@ApplicationScoped
public class MessageService {

    private final Db db;
    private final ThreadService threads;

    MessageService(Db db, ThreadService threads) {
        this.db = db;
        this.threads = threads;
    }

    /** A stored message as history shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StoredMessage(long seq, long publication, String author, String text, OffsetDateTime ts,
                                @JsonProperty("client_id") String clientId) {
    }

    /** What became of a message taken from RabbitMQ. */
    public sealed interface Outcome {
    }

    /** Stored now, with its sequence number. */
    public record Stored(long seq) implements Outcome {
    }

    /** Stored before (same publication id): acknowledged without a second copy. */
    public record Duplicate() implements Outcome {
    }

    /** Refused for good: goes to the dead-letter queue with the reason. */
    public record Rejected(String reason) implements Outcome {
    }

    /**
     * Stores a message unless its publication id was stored before. The thread row is locked while
     * the next sequence number is taken, so numbers are dense per thread; a duplicate rolls the
     * increment back with the rest of the transaction.
     */
    public Outcome store(ChatMessage m) {
        return db.tx(c -> {
            if (alreadyStored(c, m.publication())) {
                return new Duplicate();
            }
            Long seq = nextSeq(c, m.thread());
            if (seq == null) {
                return new Rejected("unknown thread '" + m.thread() + "'");
            }
            if (!ThreadService.isMember(c, m.thread(), m.author())) {
                c.rollback();
                return new Rejected("author '" + m.author() + "' is not a member of '" + m.thread() + "'");
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO messages (thread, seq, publication, author, text, client_id, published_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (publication) DO NOTHING")) {
                s.setString(1, m.thread());
                s.setLong(2, seq);
                s.setLong(3, m.publication());
                s.setString(4, m.author());
                s.setString(5, m.text());
                s.setString(6, m.clientId());
                s.setTimestamp(7, Timestamp.from(m.ts()));
                if (s.executeUpdate() == 0) {
                    // Another consumer stored the same publication between our check and insert.
                    c.rollback();
                    return new Duplicate();
                }
            }
            return new Stored(seq);
        });
    }

    /**
     * Stores several messages in one transaction and answers one outcome per message, in the same
     * order; numbers are handed out in the order of {@code batch}, which is the order RabbitMQ
     * delivered them. Each thread's row is locked once ({@code FOR UPDATE}, in name order so that
     * two consumers cannot deadlock); a publication id stored before, or met earlier in the same
     * batch, is a {@link Duplicate}; an unknown thread or a non-member author is {@link Rejected}
     * and takes no number. The rows go in with one INSERT over arrays. If that INSERT meets a
     * publication id that someone else committed meanwhile (possible only under another thread's
     * lock), the transaction is rolled back and repeated, so that no number is skipped.
     */
    public List<Outcome> storeBatch(List<ChatMessage> batch) {
        for (int attempt = 0; ; attempt++) {
            List<Outcome> out = db.tx(c -> storeBatch(c, batch));
            if (out != null) {
                return out;
            }
            if (attempt >= 3) {
                throw new IllegalStateException("publication ids kept conflicting while storing a batch");
            }
        }
    }

    /** The batch's work in one transaction; null after a rollback that asks for another attempt. */
    private static List<Outcome> storeBatch(Connection c, List<ChatMessage> batch) throws SQLException {
        // Lock the threads first: whoever stored one of these publications before held the same
        // row lock and has committed, so the duplicate check below (a fresh snapshot) sees it.
        Map<String, Long> lastSeq = lockThreads(c, batch);
        Set<Long> seen = storedAmong(c, batch);
        Map<String, Boolean> membership = new HashMap<>();
        Map<String, Long> next = new HashMap<>(lastSeq);
        Outcome[] out = new Outcome[batch.size()];
        List<ChatMessage> rows = new ArrayList<>(batch.size());
        List<Long> seqs = new ArrayList<>(batch.size());
        for (int i = 0; i < out.length; i++) {
            ChatMessage m = batch.get(i);
            if (!seen.add(m.publication())) {
                out[i] = new Duplicate();
                continue;
            }
            if (!lastSeq.containsKey(m.thread())) {
                out[i] = new Rejected("unknown thread '" + m.thread() + "'");
                continue;
            }
            String key = m.thread() + '\0' + m.author();
            Boolean member = membership.get(key);
            if (member == null) {
                member = ThreadService.isMember(c, m.thread(), m.author());
                membership.put(key, member);
            }
            if (!member) {
                out[i] = new Rejected("author '" + m.author() + "' is not a member of '" + m.thread() + "'");
                continue;
            }
            long seq = next.merge(m.thread(), 1L, Long::sum);
            rows.add(m);
            seqs.add(seq);
            out[i] = new Stored(seq);
        }
        if (!rows.isEmpty()) {
            if (insert(c, rows, seqs) < rows.size()) {
                // Someone committed one of these publication ids under another thread's lock.
                c.rollback();
                return null;
            }
            try (PreparedStatement up = c.prepareStatement("UPDATE threads SET last_seq = ? WHERE permalink = ?")) {
                for (Map.Entry<String, Long> e : next.entrySet()) {
                    if (!e.getValue().equals(lastSeq.get(e.getKey()))) {
                        up.setLong(1, e.getValue());
                        up.setString(2, e.getKey());
                        up.addBatch();
                    }
                }
                up.executeBatch();
            }
        }
        return Arrays.asList(out);
    }

    /** Locks the rows of the batch's threads, in name order; answers each existing one's last_seq. */
    private static Map<String, Long> lockThreads(Connection c, List<ChatMessage> batch) throws SQLException {
        TreeSet<String> names = new TreeSet<>();
        for (ChatMessage m : batch) {
            names.add(m.thread());
        }
        Map<String, Long> lastSeq = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT permalink, last_seq FROM threads WHERE permalink = ANY (?) ORDER BY permalink FOR UPDATE")) {
            s.setArray(1, c.createArrayOf("text", names.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    lastSeq.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return lastSeq;
    }

    /** The batch's publication ids that are stored already. */
    private static Set<Long> storedAmong(Connection c, List<ChatMessage> batch) throws SQLException {
        Long[] pubs = new Long[batch.size()];
        for (int i = 0; i < pubs.length; i++) {
            pubs[i] = batch.get(i).publication();
        }
        Set<Long> stored = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT publication FROM messages WHERE publication = ANY (?)")) {
            // Planned for each execution, never from a cached generic plan: the driver's server-side
            // statement got a generic plan while the table was small and not yet analysed (a fresh
            // database, for its first minute or so), which scanned the whole table once per batch
            // until autovacuum analysed it (measured on a fresh database: 2,953 sequential scans in
            // 30 s at 1,000 msg/s, 40-60 % of a core in PostgreSQL; 144 with this). Planning this
            // statement costs tens of microseconds.
            s.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
            s.setArray(1, c.createArrayOf("bigint", pubs));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    stored.add(r.getLong(1));
                }
            }
        }
        return stored;
    }

    /** One INSERT of all rows (arrays unnested: one statement, one round trip); answers how many went in. */
    private static int insert(Connection c, List<ChatMessage> rows, List<Long> seqs) throws SQLException {
        int n = rows.size();
        Object[] threads = new Object[n];
        Object[] seq = new Object[n];
        Object[] pubs = new Object[n];
        Object[] authors = new Object[n];
        Object[] texts = new Object[n];
        Object[] clientIds = new Object[n];
        Object[] times = new Object[n];
        for (int i = 0; i < n; i++) {
            ChatMessage m = rows.get(i);
            threads[i] = m.thread();
            seq[i] = seqs.get(i);
            pubs[i] = m.publication();
            authors[i] = m.author();
            texts[i] = m.text();
            clientIds[i] = m.clientId();
            times[i] = m.ts().toString(); // ISO-8601 in UTC, read by the cast below
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO messages (thread, seq, publication, author, text, client_id, published_at)"
                        + " SELECT * FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[],"
                        + " ?::timestamptz[]) ON CONFLICT (publication) DO NOTHING")) {
            s.setArray(1, c.createArrayOf("text", threads));
            s.setArray(2, c.createArrayOf("bigint", seq));
            s.setArray(3, c.createArrayOf("bigint", pubs));
            s.setArray(4, c.createArrayOf("text", authors));
            s.setArray(5, c.createArrayOf("text", texts));
            s.setArray(6, c.createArrayOf("text", clientIds));
            s.setArray(7, c.createArrayOf("text", times));
            return s.executeUpdate();
        }
    }

    /**
     * History of a thread for a member, ascending by sequence number: after {@code after} when
     * given (the oldest first), else the latest before {@code before} (or the latest of all).
     */
    public List<StoredMessage> history(String thread, String caller, Long before, Long after, int limit) {
        return db.tx(c -> {
            threads.requireMember(c, thread, caller);
            boolean forward = after != null;
            StringBuilder sql = new StringBuilder(
                    "SELECT seq, publication, author, text, published_at, client_id FROM messages WHERE thread = ?");
            if (after != null) {
                sql.append(" AND seq > ?");
            }
            if (before != null) {
                sql.append(" AND seq < ?");
            }
            sql.append(forward ? " ORDER BY seq ASC" : " ORDER BY seq DESC").append(" LIMIT ?");
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int i = 1;
                s.setString(i++, thread);
                if (after != null) {
                    s.setLong(i++, after);
                }
                if (before != null) {
                    s.setLong(i++, before);
                }
                s.setInt(i, limit);
                List<StoredMessage> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new StoredMessage(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4),
                                r.getObject(5, OffsetDateTime.class), r.getString(6)));
                    }
                }
                if (!forward) {
                    Collections.reverse(out);
                }
                return out;
            }
        });
    }

    private static boolean alreadyStored(Connection c, long publication) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM messages WHERE publication = ?")) {
            s.setLong(1, publication);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static Long nextSeq(Connection c, String thread) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE threads SET last_seq = last_seq + 1 WHERE permalink = ? RETURNING last_seq")) {
            s.setString(1, thread);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }
}
