package io.natter.wamp.message;

import java.util.List;
import java.util.Map;

/**
 * EVENT: the broker delivers a publication to a subscriber.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Event(long subscription, long publication, Map<String, Object> details, List<Object> args, Map<String, Object> kwargs) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 36;

    public Event {
        details = Message.frozen(details);
        args = Message.frozen(args);
        kwargs = Message.frozen(kwargs);
    }

    @Override
    public int code() {
        return CODE;
    }
}
