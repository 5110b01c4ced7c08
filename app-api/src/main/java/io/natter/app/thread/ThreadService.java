package io.natter.app.thread;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.natter.app.api.ApiException;
import io.natter.app.store.Db;
import io.natter.app.store.Outbox;
import io.natter.app.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Threads and their members (the workshop's lesson-5 app). Membership changes emit events through the outbox. */
@ApplicationScoped
public class ThreadService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Db db;
    private final Outbox outbox;

    ThreadService(Db db, Outbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /** A thread as listed. */
    public record ThreadSummary(String thread, String title, String owner) {
    }

    /**
     * A thread as its member sees it in their list: the highest sequence stored so far and how
     * many of its messages they have not read (by their read marker, shared by all their devices).
     */
    public record ThreadListing(String thread, String title, String owner,
                                @JsonProperty("last_seq") long lastSeq, long unread) {
    }

    /** A member's read marker after it moved. */
    public record ReadMarker(String thread, @JsonProperty("last_read_seq") long lastReadSeq, long unread) {
    }

    /** A thread with its members. */
    public record ThreadDetails(String thread, String title, String owner, OffsetDateTime created,
                                List<String> members) {
    }

    /** Creates a thread owned by {@code owner}, who becomes its first member. */
    public ThreadSummary create(String owner, String title) {
        String base = Permalinks.slug(title);
        return db.tx(c -> {
            for (int attempt = 1; attempt <= 20; attempt++) {
                // Numbered suffixes first (readable), random ones after, so a popular title still lands.
                String candidate = attempt == 1 ? base
                        : attempt <= 10 ? base + "-" + attempt
                        : base + "-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO threads (permalink, title, owner) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                    s.setString(1, candidate);
                    s.setString(2, title);
                    s.setString(3, owner);
                    if (s.executeUpdate() == 1) {
                        addMember(c, candidate, owner);
                        outbox.membership(c, Outbox.MEMBERSHIP_GRANTED, candidate, owner);
                        return new ThreadSummary(candidate, title, owner);
                    }
                }
            }
            throw ApiException.conflict("no free permalink for this title");
        });
    }

    /** The threads {@code user} is a member of, oldest first, with their unread counts. */
    public List<ThreadListing> threadsOf(String user) {
        return db.tx(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT t.permalink, t.title, t.owner, t.last_seq, GREATEST(t.last_seq - m.last_read_seq, 0)"
                            + " FROM threads t JOIN members m ON m.thread = t.permalink"
                            + " WHERE m.user_name = ? ORDER BY t.created_at, t.permalink")) {
                s.setString(1, user);
                List<ThreadListing> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new ThreadListing(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Moves {@code caller}'s read marker of {@code thread} forward to {@code seq} (null: to the
     * thread's latest message). It never moves back, nor past the latest message, so two devices
     * that report out of order end at the furthest point either saw. 404 as {@link #requireMember}.
     */
    public ReadMarker markRead(String thread, String caller, Long seq) {
        return db.tx(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE members m SET last_read_seq = GREATEST(m.last_read_seq, LEAST(COALESCE(?, t.last_seq), t.last_seq))"
                            + " FROM threads t WHERE t.permalink = m.thread AND m.thread = ? AND m.user_name = ?"
                            + " RETURNING m.last_read_seq, GREATEST(t.last_seq - m.last_read_seq, 0)")) {
                if (seq == null) {
                    s.setNull(1, Types.BIGINT);
                } else {
                    s.setLong(1, seq);
                }
                s.setString(2, thread);
                s.setString(3, caller);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw noSuchThread();
                    }
                    return new ReadMarker(thread, r.getLong(1), r.getLong(2));
                }
            }
        });
    }

    /** Details and members; 404 for an unknown thread and, alike, when {@code caller} is not a member. */
    public ThreadDetails details(String thread, String caller) {
        return db.tx(c -> {
            ThreadDetails t = load(c, thread);
            if (!t.members().contains(caller)) {
                throw noSuchThread();
            }
            return t;
        });
    }

    /** Grants {@code name} access; owner only. Returns whether the user was not a member before. */
    public boolean grant(String thread, String caller, String name) {
        return db.tx(c -> {
            String title = requireOwner(c, thread, caller);
            if (!UserService.exists(c, name)) {
                throw ApiException.notFound("no such user");
            }
            boolean added = addMember(c, thread, name);
            if (added) {
                outbox.membership(c, Outbox.MEMBERSHIP_GRANTED, thread, name);
                outbox.memberAdded(c, name, thread, title, caller);
            }
            return added;
        });
    }

    /** Revokes access of {@code name}; owner only; the owner cannot be removed. */
    public void revoke(String thread, String caller, String name) {
        db.tx(c -> {
            requireOwner(c, thread, caller);
            if (name.equals(caller)) {
                throw ApiException.conflict("the owner cannot be removed from the thread");
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM members WHERE thread = ? AND user_name = ?")) {
                s.setString(1, thread);
                s.setString(2, name);
                if (s.executeUpdate() == 0) {
                    throw ApiException.notFound("no such member");
                }
            }
            outbox.membership(c, Outbox.MEMBERSHIP_REVOKED, thread, name);
            return null;
        });
    }

    /** The members of {@code thread} sorted by name, or null when the thread does not exist. */
    public List<String> members(String thread) {
        return db.tx(c -> {
            try (PreparedStatement t = c.prepareStatement("SELECT 1 FROM threads WHERE permalink = ?")) {
                t.setString(1, thread);
                try (ResultSet r = t.executeQuery()) {
                    if (!r.next()) {
                        return null;
                    }
                }
            }
            List<String> names = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT user_name FROM members WHERE thread = ? ORDER BY user_name")) {
                s.setString(1, thread);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        names.add(r.getString(1));
                    }
                }
            }
            return names;
        });
    }

    /** Whether {@code name} is a member of {@code thread} (false for an unknown thread). */
    public boolean isMember(String thread, String name) {
        return db.tx(c -> isMember(c, thread, name));
    }

    /** Whether {@code name} is a member of {@code thread}, in a running transaction. */
    public static boolean isMember(Connection c, String thread, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM members WHERE thread = ? AND user_name = ?")) {
            s.setString(1, thread);
            s.setString(2, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /**
     * The access rule of everything read inside a thread: 404 when it does not exist and, with
     * the same answer, when {@code caller} is not a member, so that a stranger cannot tell
     * which threads exist.
     */
    public void requireMember(Connection c, String thread, String caller) throws SQLException {
        if (!isMember(c, thread, caller)) {
            throw noSuchThread();
        }
    }

    /** 404 as {@link #requireMember} for a stranger; 403 for a member who is not the owner. */
    /** 404 unless {@code caller} is a member, 403 unless the owner; returns the thread's title. */
    private static String requireOwner(Connection c, String thread, String caller) throws SQLException {
        if (!isMember(c, thread, caller)) {
            throw noSuchThread();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT owner, title FROM threads WHERE permalink = ?")) {
            s.setString(1, thread);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw noSuchThread();
                }
                if (!r.getString(1).equals(caller)) {
                    throw ApiException.forbidden("only the owner manages members");
                }
                return r.getString(2);
            }
        }
    }

    private static ApiException noSuchThread() {
        return ApiException.notFound("no such thread");
    }

    private static boolean addMember(Connection c, String thread, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO members (thread, user_name) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, thread);
            s.setString(2, name);
            return s.executeUpdate() == 1;
        }
    }

    private static ThreadDetails load(Connection c, String thread) throws SQLException {
        String title;
        String owner;
        OffsetDateTime created;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT title, owner, created_at FROM threads WHERE permalink = ?")) {
            s.setString(1, thread);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw ApiException.notFound("no such thread");
                }
                title = r.getString(1);
                owner = r.getString(2);
                created = r.getObject(3, OffsetDateTime.class);
            }
        }
        List<String> members = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT user_name FROM members WHERE thread = ? ORDER BY user_name")) {
            s.setString(1, thread);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    members.add(r.getString(1));
                }
            }
        }
        return new ThreadDetails(thread, title, owner, created, members);
    }
}
