package io.natter.wamp.client.transport;

/**
 * Receives what arrives on one {@link TransportConnection}. Called in arrival order, never
 * concurrently for one connection, possibly on a thread of the transport's choosing: the client
 * hands each call over to its own context.
 */
public interface TransportListener {

    /** A complete text message (WAMP JSON). */
    void onText(String text);

    /** A complete binary message (WAMP msgpack); the array is the listener's to keep. */
    void onBinary(byte[] bytes);

    /** The socket closed (either side) or was lost; called once, last. {@code code} is -1 when none was received. */
    void onClose(int code, String reason);

    /** A transport-level error; {@link #onClose} follows when it ended the connection. */
    void onError(Throwable error);
}
