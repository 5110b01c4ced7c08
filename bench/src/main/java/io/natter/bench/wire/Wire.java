package io.natter.bench.wire;

import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.Map;

/**
 * Hand-built WAMP frames for one subprotocol, for the load generator.
 *
 * <p>The hot-path methods ({@link #publish}, {@link #call}, {@link #yield}, {@link #result},
 * {@link #type}, {@link #secondId}) build and read frames byte by byte with no object model, so
 * the generator's cost per message stays far below a router's. Control messages (HELLO,
 * SUBSCRIBE, CHALLENGE...) go through Jackson: they are not on the measured path.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public sealed interface Wire permits JsonWire, MsgPackWire {

    /** JSON, subprotocol {@code wamp.2.json}, text frames. */
    Wire JSON = new JsonWire();

    /** MessagePack, subprotocol {@code wamp.2.msgpack}, binary frames. */
    Wire MSGPACK = new MsgPackWire();

    /** The WebSocket subprotocol. */
    String subprotocol();

    /** Short name used in reports: {@code json} or {@code msgpack}. */
    String shortName();

    /** Whether frames are binary rather than text. */
    boolean binary();

    /** {@code [16, request, {}, topic, [payload]]}. */
    Buffer publish(long request, String topic, byte[] payload);

    /** {@code [48, request, {}, procedure, [payload]]}. */
    Buffer call(long request, String procedure, byte[] payload);

    /** {@code [70, invocation, {}, [payload]]}. */
    Buffer yield(long invocation, byte[] payload);

    /** {@code [50, request, {}, [payload]]}: what the relay's stand-in callee answers. */
    Buffer result(long request, byte[] payload);

    /** The message type code (first element) of a frame, or -1 if it cannot be read. */
    int type(Buffer frame);

    /** The second element of a frame read as an id (request or session id), or -1. */
    long secondId(Buffer frame);

    /** Encodes a control message given as a plain list. */
    Buffer encode(List<Object> message);

    /** Decodes a control message into a plain list ({@code Map}, {@code List}, numbers, strings). */
    List<Object> decode(Buffer frame);

    /** HELLO with the given details. */
    default Buffer hello(String realm, Map<String, Object> details) {
        return encode(List.of(1, realm, details));
    }

    /** Resolves {@code json}/{@code msgpack}. */
    static Wire named(String name) {
        return switch (name) {
            case "json" -> JSON;
            case "msgpack" -> MSGPACK;
            default -> throw new IllegalArgumentException("unknown serialization " + name);
        };
    }
}
