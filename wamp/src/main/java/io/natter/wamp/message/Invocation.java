package io.natter.wamp.message;

import java.util.List;
import java.util.Map;

/**
 * INVOCATION: the dealer asks a callee to run a call.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Invocation(long request, long registration, Map<String, Object> details, List<Object> args, Map<String, Object> kwargs) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 68;

    public Invocation {
        details = Message.frozen(details);
        args = Message.frozen(args);
        kwargs = Message.frozen(kwargs);
    }

    @Override
    public int code() {
        return CODE;
    }
}
