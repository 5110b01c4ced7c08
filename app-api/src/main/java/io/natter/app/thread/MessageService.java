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
import java.util.Collections;
import java.util.List;

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
