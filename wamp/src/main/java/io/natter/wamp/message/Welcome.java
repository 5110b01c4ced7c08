package io.natter.wamp.message;

import java.util.Map;

/**
 * WELCOME: the router accepts a session.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Welcome(long session, Map<String, Object> details) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 2;

    public Welcome {
        details = Message.frozen(details);
    }

    @Override
    public int code() {
        return CODE;
    }
}
