package io.natter.wamp.message;

import java.util.Map;
import java.util.Objects;

/**
 * SUBSCRIBE: a client subscribes to a topic or pattern.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Subscribe(long request, Map<String, Object> options, String topic) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 32;

    public Subscribe {
        options = Message.frozen(options);
        Objects.requireNonNull(topic, "topic");
    }

    @Override
    public int code() {
        return CODE;
    }
}
