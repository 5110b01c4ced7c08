package io.natter.router.util;

/**
 * The peer broke the WAMP protocol: the router ends its session with ABORT
 * {@code wamp.error.protocol_violation} (the message in {@code details.message}) and closes the
 * transport. Thrown by validation code and caught where a connection's inbound message is handled.
 */
public final class ProtocolViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProtocolViolation(String message) {
        super(message, null, false, false);
    }
}
