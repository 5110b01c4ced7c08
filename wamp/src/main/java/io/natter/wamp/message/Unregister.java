package io.natter.wamp.message;

/**
 * UNREGISTER: a callee drops a registration.
 */
public record Unregister(long request, long registration) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 66;

    @Override
    public int code() {
        return CODE;
    }
}
