package io.natter.router.session;

/**
 * Checks that a client numbers its requests 1, 2, 3, ... with one counter shared by PUBLISH,
 * SUBSCRIBE, UNSUBSCRIBE, CALL, REGISTER and UNREGISTER (as Autobahn does), wrapping from 2^53
 * back to 1. Not thread-safe: only the session's inbound thread uses it.
 */
public final class RequestIdSequence {

    private long last;

    public RequestIdSequence() {
    }

    /** A sequence whose last accepted ID is {@code last} (tests start near the wrap). */
    RequestIdSequence(long last) {
        this.last = last;
    }

    /** Accepts {@code request} if it is the next id; otherwise a {@link ProtocolViolation}. */
    public void accept(long request, String messageName) {
        long expected = Ids.next(last);
        if (request != expected) {
            throw new ProtocolViolation(messageName + " request ID " + request + " is not sequential: expected " + expected);
        }
        last = request;
    }
}
