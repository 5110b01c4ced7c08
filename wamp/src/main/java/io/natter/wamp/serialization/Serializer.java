package io.natter.wamp.serialization;

import io.natter.wamp.message.Message;

/**
 * Turns {@link Message}s into WebSocket frame payloads and back, for one WAMP subprotocol.
 *
 * <p>Implementations are stateless and thread-safe. {@link #decode} never throws an unchecked
 * exception for bad input: anything that is not a well-formed WAMP message of a known type with
 * fields of the right types is a {@link WampDecodeException}.
 */
public interface Serializer {

    /** The WebSocket subprotocol, e.g. {@code wamp.2.json}. */
    String subprotocol();

    /** Whether frames are binary (MessagePack) rather than text (JSON). */
    boolean binary();

    /** The frame payload for {@code message}: UTF-8 text for JSON, bytes for MessagePack. */
    byte[] encode(Message message);

    /** The message in {@code frame}, or a {@link WampDecodeException} saying what is wrong. */
    Message decode(byte[] frame) throws WampDecodeException;
}
