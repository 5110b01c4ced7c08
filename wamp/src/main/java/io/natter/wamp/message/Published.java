package io.natter.wamp.message;

/**
 * PUBLISHED: the broker acknowledges a publication.
 */
public record Published(long request, long publication) implements Message {

    /** The message type code on the wire. */
    public static final int CODE = 17;

    @Override
    public int code() {
        return CODE;
    }
}
