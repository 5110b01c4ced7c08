package io.natter.notifier.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns one RabbitMQ delivery (routing key, body, message id, timestamp) into a {@link Notification}
 * or a {@link Refused} reason. Pure and thread-safe: no I/O (whether the user or thread exists is
 * asked afterwards, by {@link Recipients}).
 *
 * <p>Rules (DESIGN.md): routing key {@code user.<name>} (1–32 of {@code [a-z0-9_-]}) or
 * {@code thread.<permalink>}; the body a JSON object of at most {@link #MAX_MESSAGE} bytes with
 * {@code title} a string of 1–200 characters, not blank, {@code body} absent or a string of at most
 * 4,000, {@code data} absent, null or an object of at most 16 KiB (compact JSON, UTF-8), {@code from}
 * and {@code id} absent or short strings, {@code ts} absent or a string.
 */
public final class Validator {

    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 4000;
    public static final int MAX_DATA = 16_384;
    /** Larger bodies are refused before parsing. */
    public static final int MAX_MESSAGE = 64 * 1024;
    private static final int MAX_ID = 200;

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Pattern PERMALINK = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Why a message goes to the DLQ: {@code code} is the {@code x-natter-reason} header. */
    public record Refused(String code, String message) {
        public String header() {
            return code + ": " + message;
        }
    }

    /** Either a notification or the reason it was refused. */
    public record Outcome(Notification notification, Refused refused) {
        static Outcome refuse(String code, String message) {
            return new Outcome(null, new Refused(code, message));
        }
    }

    private Validator() {
    }

    /**
     * @param messageId the AMQP message id, or null
     * @param timestamp the AMQP timestamp, or null
     * @param now       used for {@code ts} when neither the body nor the message carries one
     */
    @SuppressWarnings("unchecked")
    public static Outcome validate(String routingKey, byte[] body, String messageId, Instant timestamp, Instant now) {
        Notification.Target target;
        String name;
        if (routingKey != null && routingKey.startsWith("user.") && NAME.matcher(routingKey.substring(5)).matches()) {
            target = Notification.Target.USER;
            name = routingKey.substring(5);
        } else if (routingKey != null && routingKey.startsWith("thread.") && routingKey.length() <= 7 + 64
                && PERMALINK.matcher(routingKey.substring(7)).matches()) {
            target = Notification.Target.THREAD;
            name = routingKey.substring(7);
        } else {
            return Outcome.refuse("routing_key", "routing key must be user.<name> or thread.<thread>");
        }
        if (body == null || body.length > MAX_MESSAGE) {
            return Outcome.refuse("too_large", "message over " + MAX_MESSAGE + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            return Outcome.refuse("malformed", "not JSON");
        }
        if (root == null || !root.isObject()) {
            return Outcome.refuse("malformed", "not a JSON object");
        }
        JsonNode title = root.get("title");
        if (title == null || !title.isTextual() || title.asText().isBlank() || title.asText().length() > MAX_TITLE) {
            return Outcome.refuse("title", "title must be a string of 1-" + MAX_TITLE + " characters, not blank");
        }
        JsonNode text = root.get("body");
        if (text != null && !text.isNull() && (!text.isTextual() || text.asText().length() > MAX_BODY)) {
            return Outcome.refuse("body", "body must be a string of at most " + MAX_BODY + " characters");
        }
        JsonNode data = root.get("data");
        Map<String, Object> dataMap = null;
        if (data != null && !data.isNull()) {
            if (!data.isObject()) {
                return Outcome.refuse("data", "data must be a JSON object");
            }
            try {
                if (JSON.writeValueAsBytes(data).length > MAX_DATA) {
                    return Outcome.refuse("data", "data over " + MAX_DATA + " bytes");
                }
            } catch (JsonProcessingException e) {
                return Outcome.refuse("data", "data cannot be written");
            }
            dataMap = JSON.convertValue(data, Map.class);
        }
        String from = optionalText(root, "from");
        if (from == INVALID) {
            return Outcome.refuse("from", "from must be a string of at most " + MAX_ID + " characters");
        }
        String id = optionalText(root, "id");
        if (id == INVALID) {
            return Outcome.refuse("id", "id must be a string of 1-" + MAX_ID + " characters");
        }
        String ts = optionalText(root, "ts");
        if (ts == INVALID) {
            return Outcome.refuse("ts", "ts must be a string");
        }
        if (id == null) {
            id = messageId != null && !messageId.isEmpty() && messageId.length() <= MAX_ID
                    ? messageId : hash(routingKey, body);
        }
        if (ts == null) {
            ts = (timestamp != null ? timestamp : now).toString();
        }
        return new Outcome(new Notification(target, name, id, title.asText(),
                text == null || text.isNull() ? "" : text.asText(), dataMap, from, ts), null);
    }

    private static final String INVALID = new String("invalid");

    private static String optionalText(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > MAX_ID) {
            return INVALID;
        }
        return v.asText();
    }

    /** A stable id for a message without one: the same delivery, redelivered, gets the same id. */
    static String hash(String routingKey, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(routingKey.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(body);
            return "h-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
