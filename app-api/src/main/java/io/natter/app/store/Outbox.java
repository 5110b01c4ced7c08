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
    /** Routing key: a user's token was replaced; the old one no longer works. */
    public static final String TOKEN_ROTATED = "token.rotated";

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

    /** A token rotation of {@code authid}; {@code reason} is {@code login} or {@code rotate}. */
    public void tokenRotated(Connection c, String authid, String reason) throws SQLException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TOKEN_ROTATED);
        body.put("authid", authid);
        body.put("reason", reason);
        body.put("ts", Instant.now().toString());
        add(c, TOKEN_ROTATED, body);
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
