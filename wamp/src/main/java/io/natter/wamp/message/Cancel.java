package io.natter.wamp.message;

import java.util.Map;

/**
 * CANCEL: a caller cancels an outstanding call.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Cancel(long request, Map<String, Object> options) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 49;

    public Cancel {
        options = Message.frozen(options);
    }

    @Override
    public int code() {
        return CODE;
    }
}
