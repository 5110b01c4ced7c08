package io.natter.wamp.message;

import java.util.Map;

/**
 * UNSUBSCRIBED: the broker acknowledges an unsubscribe; with request 0 and details {@code subscription}, {@code reason}, the broker revoked it.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Unsubscribed(long request, Map<String, Object> details) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 35;

    public Unsubscribed {
        details = Message.frozen(details);
    }

    @Override
    public int code() {
        return CODE;
    }
}
