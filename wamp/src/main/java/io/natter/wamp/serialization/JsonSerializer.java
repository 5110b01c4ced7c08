package io.natter.wamp.serialization;

import io.natter.wamp.message.Message;
import io.natter.wamp.message.ReceivedArguments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The {@code wamp.2.json} serializer: UTF-8 JSON text, read by {@link JsonReader} and written by
 * {@link JsonWriter}, both hand-written over byte arrays.
 *
 * <p>Why not Jackson: most frames are small, and Jackson's setup for each one (parser or
 * generator, I/O context, read or write contexts, symbol table, text buffer, its chars made into
 * Strings) cost more than the frame itself. JMH {@code SerializerBenchmark.decode} of a PUBLISH,
 * same machine and session: 306 ns and 1288 B allocated with a 64-byte payload, 1004 ns and
 * 2248 B with 1 KiB; with {@link JsonReader}, which reads the frame's bytes in place and makes
 * plain ASCII strings straight from them, 128 ns and 560 B, 287 ns and 1520 B (MessagePack:
 * 134 ns and 688 B, 402 ns and 1648 B). Encoding a 64-byte EVENT allocated 696 B through Jackson
 * and 296 B through {@link JsonWriter}. The reader reads what Jackson read, limits included, but
 * refuses overlong UTF-8; the writer writes Jackson's text byte for byte (both are tested against
 * Jackson).
 *
 * <p>Binary values follow the spec's convention: a {@code byte[]} travels as a string of a NUL
 * character followed by the Base64 of the bytes, and such strings decode back to {@code byte[]}
 * (so a text string that starts with NUL cannot cross JSON as text: the convention's own limit).
 * Doubles that JSON cannot hold (NaN, infinities, which only a MessagePack peer can send) are
 * written as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}. Strings with
 * unpaired surrogates are not Unicode text and are refused on decode, so that every decoded string
 * reaches MessagePack peers intact.
 *
 * <p>Arguments lists keep the text they arrived as ({@link ReceivedArguments}); when a message
 * with them is encoded in JSON again, that text is copied as it is (its values were decoded and
 * checked, so it is well-formed JSON of the same values).
 *
 * <p>Use the shared instance {@link Serializers#JSON}.
 */
public final class JsonSerializer implements Serializer {

    /** The first char of a string that holds Base64 of bytes (the spec's binary convention). */
    static final char BINARY_PREFIX = '\u0000';
    /** Stands for this encoding in {@link ReceivedArguments}. */
    private static final Object ENCODING = JsonWriter.ENCODING;

    JsonSerializer() {
    }

    @Override
    public String subprotocol() {
        return "wamp.2.json";
    }

    @Override
    public boolean binary() {
        return false;
    }

    @Override
    public byte[] encode(Message message) {
        Objects.requireNonNull(message, "message");
        try {
            return JsonWriter.write(message);
        } catch (IOException e) {
            // The sink is memory and ValueWriter already refused what JSON cannot hold.
            throw new UncheckedIOException("JSON generation failed", e);
        }
    }

    @Override
    public Message decode(byte[] frame) throws WampDecodeException {
        Objects.requireNonNull(frame, "frame");
        return MessageReader.read(JsonReader.readFrame(frame, ENCODING));
    }
}
