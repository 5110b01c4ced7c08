package io.natter.wamp.message;

/**
 * REGISTERED: the dealer acknowledges a registration.
 */
public record Registered(long request, long registration) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 65;

    @Override
    public int code() {
        return CODE;
    }
}
