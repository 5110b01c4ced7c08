package io.natter.wamp.message;

import java.util.Map;

/**
 * INTERRUPT: the dealer asks a callee to stop a canceled invocation.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Interrupt(long request, Map<String, Object> options) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 69;

    public Interrupt {
        options = Message.frozen(options);
    }

    @Override
    public int code() {
        return CODE;
    }
}
