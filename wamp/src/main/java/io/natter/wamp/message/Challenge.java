package io.natter.wamp.message;

import java.util.Map;
import java.util.Objects;

/**
 * CHALLENGE: the router asks the client to authenticate.
 *
 * <p>Dictionaries and lists are never null: absent ones are empty.
 */
public record Challenge(String authMethod, Map<String, Object> extra) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 4;

    public Challenge {
        extra = Message.frozen(extra);
        Objects.requireNonNull(authMethod, "authMethod");
    }

    @Override
    public int code() {
        return CODE;
    }
}
