package io.natter.wamp.message;

import java.util.Map;
import java.util.Objects;

/**
 * GOODBYE: either side closes an established session.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Goodbye(Map<String, Object> details, String reason) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 6;

    public Goodbye {
        details = Message.frozen(details);
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public int code() {
        return CODE;
    }
}
