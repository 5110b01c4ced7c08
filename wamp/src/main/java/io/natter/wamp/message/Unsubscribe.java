package io.natter.wamp.message;

/**
 * UNSUBSCRIBE: a client drops a subscription.
 */
public record Unsubscribe(long request, long subscription) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 34;

    @Override
    public int code() {
        return CODE;
    }
}
