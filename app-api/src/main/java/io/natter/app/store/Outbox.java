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
 * Writes events for the RabbitMQ exchange {@code natter.events} into the {@code outbox} table, in
 * the caller's transaction: an event exists if and only if the change it describes was committed.
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

    private void add(Connection c, String routingKey, Map<String, Object> body) throws SQLException {
        String payload;
        try {
            payload = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serializable", e);
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO outbox (routing_key, payload) VALUES (?, ?::jsonb)")) {
            s.setString(1, routingKey);
            s.setString(2, payload);
            s.executeUpdate();
        }
    }
}
