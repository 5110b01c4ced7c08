package io.natter.wamp.message;

import java.util.List;
import java.util.Map;

/**
 * RESULT: the dealer returns a (possibly progressive) call result.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Result(long request, Map<String, Object> details, List<Object> args, Map<String, Object> kwargs) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 50;

    public Result {
        details = Message.frozen(details);
        args = Message.frozen(args);
        kwargs = Message.frozen(kwargs);
    }

    @Override
    public int code() {
        return CODE;
    }
}
