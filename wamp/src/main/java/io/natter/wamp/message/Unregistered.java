package io.natter.wamp.message;

import java.util.Map;

/**
 * UNREGISTERED: the dealer acknowledges an unregister; with request 0 and details {@code registration}, {@code reason}, the dealer revoked it.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Unregistered(long request, Map<String, Object> details) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 67;

    public Unregistered {
        details = Message.frozen(details);
    }

    @Override
    public int code() {
        return CODE;
    }
}
