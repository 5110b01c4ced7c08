package io.natter.wamp.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PUBLISH: a client publishes an event to a topic.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Publish(long request, Map<String, Object> options, String topic, List<Object> args, Map<String, Object> kwargs) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 16;

    public Publish {
        options = Message.frozen(options);
        args = Message.frozen(args);
        kwargs = Message.frozen(kwargs);
        Objects.requireNonNull(topic, "topic");
    }

    @Override
    public int code() {
        return CODE;
    }
}
