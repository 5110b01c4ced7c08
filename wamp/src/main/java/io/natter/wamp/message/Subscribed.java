package io.natter.wamp.message;

/**
 * SUBSCRIBED: the broker acknowledges a subscription.
 */
public record Subscribed(long request, long subscription) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 33;

    @Override
    public int code() {
        return CODE;
    }
}
