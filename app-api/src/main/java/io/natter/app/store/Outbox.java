package io.natter.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes events for the RabbitMQ exchange {@code natter.events}, and notifications for
 * {@code natter.notifications}, into the {@code outbox} table, in the caller's transaction: an
 * event exists if and only if the change it describes was committed.
 * {@code io.natter.app.amqp.OutboxRelay} publishes and deletes them.
 */
@ApplicationScoped
public class Outbox {

    /** Routing key: a user was granted access to a thread. */
    public static final String MEMBERSHIP_GRANTED = "membership.granted";
    /** Routing key: a user's access to a thread was revoked. */
    public static final String MEMBERSHIP_REVOKED = "membership.revoked";
    /** Routing key: one of a user's tokens stopped working; sessions opened with it must end. */
    public static final String TOKEN_REVOKED = "token.revoked";

    private final ObjectMapper json;

    Outbox(ObjectMapper json) {
        this.json = json;
    }

    /** A membership event for {@code authid} on {@code thread}. */
    public void membership(Connection c, String routingKey, String thread, String authid) throws SQLException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", routingKey);
        body.put("thread", thread);
        body.put("authid", authid);
        body.put("ts", Instant.now().toString());
        add(c, routingKey, body);
    }

    /** Why a token was revoked: {@code logout}, {@code revoked} (deleted, or over the cap) or {@code rotate}. */
    public enum RevokeReason {
        LOGOUT("logout"), REVOKED("revoked"), ROTATE("rotate");

        private final String wire;

        RevokeReason(String wire) {
            this.wire = wire;
        }

        /** The value of the event's {@code reason}. */
        public String wire() {
            return wire;
        }
    }

    /** Token {@code tokenId} of {@code authid} was revoked. */
    public void tokenRevoked(Connection c, String authid, String tokenId, RevokeReason reason) throws SQLException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TOKEN_REVOKED);
        body.put("authid", authid);
        body.put("token_id", tokenId);
        body.put("reason", reason.wire());
        body.put("ts", Instant.now().toString());
        add(c, TOKEN_REVOKED, body);
    }

    /** Where a row goes: the {@code target} column. */
    public enum Target {
        EVENTS("events"), NOTIFICATIONS("notifications");

        private final String column;

        Target(String column) {
            this.column = column;
        }

        public String column() {
            return column;
        }
    }

    /** What {@link #memberAdded} sets as the notification's {@code data.kind}; the browser app refreshes its threads on it. */
    public static final String MEMBER_ADDED = "thread.member_added";

    /** Longest thread title quoted in a notification's title (which may hold 200 characters). */
    private static final int QUOTED_TITLE = 150;

    /**
     * A notification for {@code user} (routing key {@code user.<user>} on {@code natter.notifications}):
     * {@code by} added them to {@code thread}. Its id is the outbox row's ({@code outbox-<id>}).
     */
    public void memberAdded(Connection c, String user, String thread, String title, String by) throws SQLException {
        String quoted = title.length() > QUOTED_TITLE ? title.substring(0, QUOTED_TITLE) + "…" : title;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", MEMBER_ADDED);
        data.put("thread", thread);
        data.put("title", title);
        data.put("by", by);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", by + " added you to “" + quoted + "”");
        body.put("body", "");
        body.put("data", data);
        body.put("from", by);
        body.put("ts", Instant.now().toString());
        add(c, Target.NOTIFICATIONS, "user." + user, body);
    }

    private void add(Connection c, String routingKey, Map<String, Object> body) throws SQLException {
        add(c, Target.EVENTS, routingKey, body);
    }

    private void add(Connection c, Target target, String routingKey, Map<String, Object> body) throws SQLException {
        String payload;
        try {
            payload = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serializable", e);
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO outbox (target, routing_key, payload) VALUES (?, ?, ?::jsonb)")) {
            s.setString(1, target.column());
            s.setString(2, routingKey);
            s.setString(3, payload);
            s.executeUpdate();
        }
    }
}
