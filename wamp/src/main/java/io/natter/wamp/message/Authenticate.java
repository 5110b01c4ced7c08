package io.natter.wamp.message;

import java.util.Map;
import java.util.Objects;

/**
 * AUTHENTICATE: the client answers a challenge.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Authenticate(String signature, Map<String, Object> extra) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 5;

    public Authenticate {
        extra = Message.frozen(extra);
        Objects.requireNonNull(signature, "signature");
    }

    @Override
    public int code() {
        return CODE;
    }
}
