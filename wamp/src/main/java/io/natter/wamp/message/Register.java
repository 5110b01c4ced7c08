package io.natter.wamp.message;

import java.util.Map;
import java.util.Objects;

/**
 * REGISTER: a client registers a procedure or pattern.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Register(long request, Map<String, Object> options, String procedure) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 64;

    public Register {
        options = Message.frozen(options);
        Objects.requireNonNull(procedure, "procedure");
    }

    @Override
    public int code() {
        return CODE;
    }
}
