package io.natter.wamp.serialization;

import java.util.Optional;

/**
 * The WAMP serializers Natter speaks, one shared instance each.
 *
 * <p>Both accept and produce the same value model, so a router can decode a message from a JSON
 * peer and encode it for a MessagePack peer without loss: {@code null}, {@link Boolean},
 * {@link Integer}/{@link Long}/{@link java.math.BigInteger} (64-bit range, as MessagePack holds
 * no more), {@link Double}, {@link String}, {@code byte[]}, {@link java.util.List} and
 * {@link java.util.Map} with string keys in their order.
 */
public final class Serializers {

    /**
     * How deep arrays and dicts may nest in a frame, the frame's own array counting as one. Deeper
     * frames are refused on decode (they only serve to exhaust the stack) and on encode.
     */
    public static final int MAX_DEPTH = 100;

    /** {@code wamp.2.json}: UTF-8 text frames. */
    public static final Serializer JSON = new JsonSerializer();

    /** {@code wamp.2.msgpack}: binary frames. */
    public static final Serializer MSGPACK = new MsgpackSerializer();

    private Serializers() {
    }

    /** Refuses a container that would sit at {@code depth} on decode (see {@link #MAX_DEPTH}). */
    static void checkDepth(int depth) throws WampDecodeException {
        if (depth > MAX_DEPTH) {
            throw new WampDecodeException("frame nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    /** The serializer for a WebSocket subprotocol name, or empty when Natter does not speak it. */
    public static Optional<Serializer> forSubprotocol(String subprotocol) {
        if (JSON.subprotocol().equals(subprotocol)) {
            return Optional.of(JSON);
        }
        if (MSGPACK.subprotocol().equals(subprotocol)) {
            return Optional.of(MSGPACK);
        }
        return Optional.empty();
    }
}
