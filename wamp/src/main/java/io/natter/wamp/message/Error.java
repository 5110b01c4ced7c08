package io.natter.wamp.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ERROR: a request failed; {@code requestType} is the code of the request message.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Error(int requestType, long request, Map<String, Object> details, String error, List<Object> args, Map<String, Object> kwargs) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 8;

    public Error {
        details = Message.frozen(details);
        args = Message.frozen(args);
        kwargs = Message.frozen(kwargs);
        Objects.requireNonNull(error, "error");
    }

    @Override
    public int code() {
        return CODE;
    }
}
