package io.natter.wamp.client;

/**
 * The session-scope request ID sequence: 1, 2, 3, ... shared by every request the client sends
 * (PUBLISH, SUBSCRIBE, UNSUBSCRIBE, CALL, REGISTER, UNREGISTER), wrapping to 1 after 2^53 as the
 * spec allows. One instance per session; confined to the client's context thread.
 */
final class RequestIds {

    static final long MAX = 1L << 53;

    private long last;

    RequestIds() {
        this(0);
    }

    /** A sequence whose next ID follows {@code last}; for tests of the wrap-around. */
    RequestIds(long last) {
        this.last = last;
    }

    long next() {
        last = last >= MAX ? 1 : last + 1;
        return last;
    }

    /** Whether {@code id} was handed out already (before any wrap-around): a reply to it is plausible. */
    boolean issued(long id) {
        return id >= 1 && id <= last;
    }
}
