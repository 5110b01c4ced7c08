package io.natter.wamp.serialization;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.ReceivedArguments;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The {@code wamp.2.json} serializer: UTF-8 JSON text, written through one shared Jackson
 * {@link JsonFactory} and read by {@link JsonReader}.
 *
 * <p>Why a reader of our own: most frames are small, and Jackson's setup for each one (parser,
 * I/O context, read contexts, symbol table, text buffer, its chars made into Strings) cost more
 * than reading the frame. JMH {@code SerializerBenchmark.decode} of a PUBLISH, same machine and
 * session: 306 ns and 1288 B allocated with a 64-byte payload, 1004 ns and 2248 B with 1 KiB;
 * with {@link JsonReader}, which reads the frame's bytes in place and makes plain ASCII strings
 * straight from them, 128 ns and 560 B, 287 ns and 1520 B (MessagePack: 134 ns and 688 B, 402 ns
 * and 1648 B). It reads what Jackson read, limits included, but refuses overlong UTF-8.
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
    private static final Object ENCODING = new Object();

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // Emoji and other non-BMP characters as 4 UTF-8 bytes, not as a pair of escapes.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .recyclerPool(FastRecyclerPool.INSTANCE)
            .build();

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
        // The text is built in the thread's recycled block (a fresh builder allocated a 500-byte
        // block per message, a fifth of the router's allocation on RPC) and copied out once.
        ByteArrayBuilder bytes = new ByteArrayBuilder(FastRecyclerPool.INSTANCE.acquirePooled());
        try {
            try (JsonGenerator generator = FACTORY.createGenerator(bytes)) {
                MessageWriter.write(message, new Writer(generator));
            } catch (IOException e) {
                // The sink is memory and ValueWriter already refused what JSON cannot hold.
                throw new UncheckedIOException("JSON generation failed", e);
            }
            return bytes.toByteArray();
        } finally {
            bytes.release();
        }
    }

    @Override
    public Message decode(byte[] frame) throws WampDecodeException {
        Objects.requireNonNull(frame, "frame");
        return MessageReader.read(JsonReader.readFrame(frame, ENCODING));
    }

    /** The JSON primitives of the shared value writer. */
    private static final class Writer extends ValueWriter {

        private final JsonGenerator out;

        Writer(JsonGenerator out) {
            this.out = out;
        }

        @Override
        void writeNull() throws IOException {
            out.writeNull();
        }

        @Override
        void writeBoolean(boolean value) throws IOException {
            out.writeBoolean(value);
        }

        @Override
        void writeLong(long value) throws IOException {
            out.writeNumber(value);
        }

        @Override
        void writeBigInteger(BigInteger value) throws IOException {
            out.writeNumber(value);
        }

        @Override
        void writeDouble(double value) throws IOException {
            out.writeNumber(value);
        }

        @Override
        void writeString(String value) throws IOException {
            out.writeString(value);
        }

        @Override
        void writeBinary(byte[] value) throws IOException {
            byte[] base64 = Base64.getEncoder().encode(value);
            char[] text = new char[base64.length + 1];
            text[0] = BINARY_PREFIX;
            for (int i = 0; i < base64.length; i++) {
                text[i + 1] = (char) base64[i];
            }
            out.writeString(text, 0, text.length);
        }

        @Override
        void writeArguments(List<?> args, int depth) throws IOException {
            ReceivedArguments.Raw raw = ReceivedArguments.raw(args, ENCODING);
            if (raw == null) {
                writeList(args, depth);
            } else {
                out.writeRawValue(new RawText(raw));
            }
        }

        @Override
        void startArray(int size) throws IOException {
            out.writeStartArray();
        }

        @Override
        void endArray() throws IOException {
            out.writeEndArray();
        }

        @Override
        void startMap(int size) throws IOException {
            out.writeStartObject();
        }

        @Override
        void writeKey(String key) throws IOException {
            out.writeFieldName(key);
        }

        @Override
        void endMap() throws IOException {
            out.writeEndObject();
        }
    }

    /** Received JSON text, copied out as it is (Jackson asks raw values only for their unquoted UTF-8). */
    private record RawText(ReceivedArguments.Raw raw) implements SerializableString {

        @Override
        public String getValue() {
            return new String(raw.frame(), raw.offset(), raw.length(), StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return Arrays.copyOfRange(raw.frame(), raw.offset(), raw.offset() + raw.length());
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (raw.length() > buffer.length - offset) {
                return -1;
            }
            System.arraycopy(raw.frame(), raw.offset(), buffer, offset, raw.length());
            return raw.length();
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(raw.frame(), raw.offset(), raw.length());
            return raw.length();
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (raw.length() > buffer.remaining()) {
                return -1;
            }
            buffer.put(raw.frame(), raw.offset(), raw.length());
            return raw.length();
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String text = getValue();
            if (text.length() > buffer.length - offset) {
                return -1;
            }
            text.getChars(0, text.length(), buffer, offset);
            return text.length();
        }

        // Quoting is for names and string values; a raw value is never quoted.
        @Override
        public char[] asQuotedChars() {
            throw new UnsupportedOperationException("raw JSON is not quoted");
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw new UnsupportedOperationException("raw JSON is not quoted");
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw new UnsupportedOperationException("raw JSON is not quoted");
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw new UnsupportedOperationException("raw JSON is not quoted");
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) {
            throw new UnsupportedOperationException("raw JSON is not quoted");
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw new UnsupportedOperationException("raw JSON is not quoted");
        }
    }
}
