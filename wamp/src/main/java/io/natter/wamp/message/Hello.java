package io.natter.wamp.message;

import java.util.Map;
import java.util.Objects;

/**
 * HELLO: a client asks to join a realm.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Hello(String realm, Map<String, Object> details) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 1;

    public Hello {
        details = Message.frozen(details);
        Objects.requireNonNull(realm, "realm");
    }

    @Override
    public int code() {
        return CODE;
    }
}
