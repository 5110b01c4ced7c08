package io.natter.wamp.message;

import java.util.Map;
import java.util.Objects;

/**
 * ABORT: either side ends the opening handshake.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Abort(Map<String, Object> details, String reason) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 3;

    public Abort {
        details = Message.frozen(details);
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public int code() {
        return CODE;
    }
}
