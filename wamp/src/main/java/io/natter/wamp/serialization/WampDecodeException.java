package io.natter.wamp.serialization;

/**
 * A frame is not a valid WAMP message: malformed encoding, unknown message type, missing
 * elements or elements of the wrong type. A router answers it with ABORT
 * {@code wamp.error.protocol_violation}.
 */
public class WampDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    public WampDecodeException(String message) {
        super(message);
    }

    public WampDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
