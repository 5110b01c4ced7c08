package io.natter.listener.storage;

import io.natter.wamp.client.EventDetails;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One chat event as app-api stores it from {@code natter.messages}:
 * {@code {publication, thread, author, text, ts, client_id?}}; the publication id is app-api's
 * idempotency key, the thread the routing key.
 */
public record ChatEvent(long publication, String thread, String author, String text, Instant ts, String clientId) {

    /** The topic prefix of chat events. */
    public static final String TOPIC_PREFIX = "natter.thread.";

    public ChatEvent {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ts, "ts");
    }

    /**
     * The chat event an EVENT of the {@code natter.thread.} prefix subscription carries, or empty
     * when it is none: no disclosed publisher (only users' publications are disclosed), no text
     * (args[0] or kwargs {@code text} as a string), or a topic outside the prefix.
     */
    public static Optional<ChatEvent> of(EventDetails event, Instant receivedAt) {
        String topic = event.topic();
        if (topic == null || !topic.startsWith(TOPIC_PREFIX) || topic.length() == TOPIC_PREFIX.length()) {
            return Optional.empty();
        }
        String author = event.publisherAuthid();
        if (author == null) {
            return Optional.empty();
        }
        String text = null;
        if (!event.args().isEmpty() && event.args().get(0) instanceof String s) {
            text = s;
        } else if (event.kwargs().get("text") instanceof String s) {
            text = s;
        }
        if (text == null) {
            return Optional.empty();
        }
        String clientId = event.kwargs().get("client_id") instanceof String c ? c : null;
        return Optional.of(new ChatEvent(event.publication(), topic.substring(TOPIC_PREFIX.length()), author, text,
                receivedAt, clientId));
    }

    /** The message body, UTF-8 JSON. */
    public byte[] body() {
        JsonObject json = new JsonObject()
                .put("publication", publication)
                .put("thread", thread)
                .put("author", author)
                .put("text", text)
                .put("ts", ts.toString());
        if (clientId != null) {
            json.put("client_id", clientId);
        }
        return json.encode().getBytes(StandardCharsets.UTF_8);
    }
}
