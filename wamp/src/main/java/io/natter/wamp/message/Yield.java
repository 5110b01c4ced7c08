package io.natter.wamp.message;

import java.util.List;
import java.util.Map;

/**
 * YIELD: a callee returns a (possibly progressive) result.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Yield(long request, Map<String, Object> options, List<Object> args, Map<String, Object> kwargs) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 70;

    public Yield {
        options = Message.frozen(options);
        args = Message.frozen(args);
        kwargs = Message.frozen(kwargs);
    }

    @Override
    public int code() {
        return CODE;
    }
}
