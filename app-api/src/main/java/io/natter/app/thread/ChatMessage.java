package io.natter.app.thread;

import com.fasterxml.jackson.databind.JsonNode;
import io.natter.app.user.Names;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A chat message as the listener puts it on {@code natter.messages}:
 * {@code {"publication": 123, "thread": "x", "author": "alice", "text": "hi", "ts": "2026-...Z", "client_id": "..."}}.
 * {@code ts} and {@code client_id} are optional.
 */
public record ChatMessage(long publication, String thread, String author, String text, Instant ts, String clientId) {

    /** WAMP ids are integers in [1, 2^53]. */
    private static final long MAX_ID = 1L << 53;
    /** Longest stored text, in characters. */
    public static final int MAX_TEXT = 16_384;

    /** Parses and validates a payload; throws {@link IllegalArgumentException} with the reason. */
    public static ChatMessage parse(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        JsonNode pub = n.get("publication");
        if (pub == null || !pub.canConvertToExactIntegral() || !pub.canConvertToLong()
                || pub.asLong() < 1 || pub.asLong() > MAX_ID) {
            throw new IllegalArgumentException("publication must be a WAMP id (integer 1..2^53)");
        }
        String thread = text(n, "thread");
        if (!Permalinks.valid(thread)) {
            throw new IllegalArgumentException("thread must be a permalink");
        }
        String author = text(n, "author");
        if (!Names.valid(author)) {
            throw new IllegalArgumentException("author must be a user name");
        }
        String text = text(n, "text");
        if (text == null || text.length() > MAX_TEXT || text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("text must be a string of at most " + MAX_TEXT
                    + " characters without NUL");
        }
        Instant ts = Instant.now();
        String tsText = text(n, "ts");
        if (tsText != null) {
            try {
                ts = Instant.parse(tsText);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("ts must be an ISO-8601 instant");
            }
        }
        String clientId = text(n, "client_id");
        if (clientId != null && (clientId.length() > 128 || clientId.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("client_id must be at most 128 characters without NUL");
        }
        return new ChatMessage(pub.asLong(), thread, author, text, ts, clientId);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
