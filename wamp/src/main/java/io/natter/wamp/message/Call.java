package io.natter.wamp.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CALL: a client calls a procedure.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Call(long request, Map<String, Object> options, String procedure, List<Object> args, Map<String, Object> kwargs) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 48;

    public Call {
        options = Message.frozen(options);
        args = Message.frozen(args);
        kwargs = Message.frozen(kwargs);
        Objects.requireNonNull(procedure, "procedure");
    }

    @Override
    public int code() {
        return CODE;
    }
}
