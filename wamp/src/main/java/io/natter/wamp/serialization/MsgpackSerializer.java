package io.natter.wamp.serialization;

import io.natter.wamp.message.Message;
import io.natter.wamp.message.ReceivedArguments;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * The {@code wamp.2.msgpack} serializer: MessagePack binary frames, with {@code bin} for
 * {@code byte[]}.
 *
 * <p>This reads and writes with msgpack-core directly rather than through the Jackson
 * {@code MessagePackFactory}: that parser turns integer, boolean and binary map keys into string
 * field names (so non-string keys could not be refused), replaces invalid UTF-8 instead of
 * reporting it, and adds a token layer on top of the same unpacker. Decoding here checks every
 * declared length against the bytes left in the frame before allocating, decodes strings as strict
 * UTF-8 and refuses extension types, which WAMP does not use. Encoding writes an unpaired
 * surrogate (which only Java code can put in a string: decoding refuses them) as {@code ?}.
 *
 * <p>Like the JSON serializer, the reader keeps where each arguments list lies in the frame
 * ({@link ReceivedArguments}) and the writer copies those bytes when the list is forwarded
 * unchanged (PUBLISH to EVENT, CALL to INVOCATION, YIELD to RESULT): the values are still decoded
 * and checked, but not packed again for every publication.
 *
 * <p>Use the shared instance {@link Serializers#MSGPACK}.
 */
public final class MsgpackSerializer implements Serializer {

    /** Stands for this encoding in {@link ReceivedArguments}. */
    private static final Object ENCODING = new Object();

    /** Most WAMP messages fit; bigger ones grow the packer's buffer list. */
    private static final MessagePack.PackerConfig PACKER = new MessagePack.PackerConfig().withBufferSize(1024)
            // Every string through String.getBytes (an intrinsic copy for Latin-1 text, and the
            // same ? for an unpaired surrogate), not a CharsetEncoder from 512 chars up, which made
            // a 1 KiB EVENT slower to pack than to write as JSON.
            .withSmallStringOptimizationThreshold(Integer.MAX_VALUE);

    MsgpackSerializer() {
    }

    @Override
    public String subprotocol() {
        return "wamp.2.msgpack";
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public byte[] encode(Message message) {
        Objects.requireNonNull(message, "message");
        // Each thread packs into its own packer, cleared after use (a new one per message
        // allocated a packer, its buffer list and a 1 KiB buffer); one encoding inside another on
        // the same thread, which nothing does today, would get a fresh packer.
        ThreadPacker mine = PACKERS.get();
        boolean reuse = !mine.busy;
        MessageBufferPacker packer = reuse ? mine.packer : PACKER.newBufferPacker();
        if (reuse) {
            mine.busy = true;
        }
        try {
            MessageWriter.write(message, new Writer(packer));
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        } finally {
            if (reuse) {
                packer.clear();
                mine.busy = false;
            }
        }
    }

    /** A thread's packer and whether an encoding is using it. */
    private static final class ThreadPacker {
        final MessageBufferPacker packer = PACKER.newBufferPacker();
        boolean busy;
    }

    private static final FastThreadLocal<ThreadPacker> PACKERS = new FastThreadLocal<>() {
        @Override
        protected ThreadPacker initialValue() {
            return new ThreadPacker();
        }
    };

    @Override
    public Message decode(byte[] frame) throws WampDecodeException {
        Objects.requireNonNull(frame, "frame");
        Object value;
        try {
            value = new Reader(frame).readFrame();
        } catch (IOException | RuntimeException e) {
            throw new WampDecodeException("malformed MessagePack: " + e.getMessage(), e);
        }
        return MessageReader.read(value);
    }

    /** Reads one frame into plain Java values; one instance per frame. */
    private static final class Reader {

        private final byte[] frame;
        private final MessageUnpacker in;
        private CharsetDecoder utf8;

        Reader(byte[] frame) {
            this.frame = frame;
            this.in = MessagePack.newDefaultUnpacker(frame);
        }

        Object readFrame() throws IOException, WampDecodeException {
            if (!in.hasNext()) {
                throw new WampDecodeException("frame is empty");
            }
            if (format().getValueType() != ValueType.ARRAY) {
                throw new WampDecodeException("frame must be a MessagePack array");
            }
            List<Object> elements = readFrameArray();
            if (in.hasNext()) {
                throw new WampDecodeException("frame has data after the message array");
            }
            return elements;
        }

        /**
         * Reads the frame's array (its header next); its arrays, which in WAMP are only arguments
         * lists, keep where their bytes lie in {@code frame}.
         */
        private List<Object> readFrameArray() throws IOException, WampDecodeException {
            Serializers.checkDepth(1);
            int size = checkLength(in.unpackArrayHeader(), 1, "array");
            List<Object> elements = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                if (format().getValueType() != ValueType.ARRAY) {
                    elements.add(readValue(2));
                    continue;
                }
                int start = position();
                List<Object> list = readList(2);
                elements.add(ReceivedArguments.of(list, ENCODING, new ReceivedArguments.Raw(frame, start, position() - start)));
            }
            return elements;
        }

        /** Reads the next value; containers opened here sit at {@code depth}. */
        private Object readValue(int depth) throws IOException, WampDecodeException {
            MessageFormat format = format();
            switch (format.getValueType()) {
                case NIL:
                    in.unpackNil();
                    return null;
                case BOOLEAN:
                    return in.unpackBoolean();
                case INTEGER:
                    return readInteger(format);
                case FLOAT:
                    return in.unpackDouble();
                case STRING:
                    return readString();
                case BINARY:
                    return in.readPayload(checkLength(in.unpackBinaryHeader(), 1, "binary"));
                case ARRAY:
                    return readList(depth);
                case MAP:
                    return readMap(depth);
                default:
                    throw new WampDecodeException("MessagePack extension types are not part of WAMP");
            }
        }

        private Object readInteger(MessageFormat format) throws IOException {
            if (format == MessageFormat.UINT64) {
                BigInteger big = in.unpackBigInteger();
                return big.bitLength() < 64 ? narrow(big.longValue()) : big;
            }
            return narrow(in.unpackLong());
        }

        /** The same boxed type JSON decoding gives, however wide the sender's encoding was. */
        private static Object narrow(long value) {
            if (value == (int) value) {
                return (int) value;
            }
            return value;
        }

        private String readString() throws IOException, WampDecodeException {
            int length = checkLength(in.unpackRawStringHeader(), 1, "string");
            int offset = position();
            String text = decodeUtf8(offset, length);
            // Advances past the bytes just decoded without copying them.
            in.readPayloadAsReference(length);
            return text;
        }

        private String decodeUtf8(int offset, int length) throws WampDecodeException {
            for (int i = offset, end = offset + length; i < end; i++) {
                if (frame[i] < 0) {
                    return decodeNonAscii(offset, length);
                }
            }
            return new String(frame, offset, length, StandardCharsets.ISO_8859_1);
        }

        private String decodeNonAscii(int offset, int length) throws WampDecodeException {
            if (utf8 == null) {
                utf8 = StandardCharsets.UTF_8.newDecoder();
            }
            try {
                return utf8.decode(ByteBuffer.wrap(frame, offset, length)).toString();
            } catch (CharacterCodingException e) {
                throw new WampDecodeException("string is not valid UTF-8", e);
            }
        }

        private List<Object> readList(int depth) throws IOException, WampDecodeException {
            Serializers.checkDepth(depth);
            int size = checkLength(in.unpackArrayHeader(), 1, "array");
            List<Object> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(readValue(depth + 1));
            }
            return list;
        }

        private Map<String, Object> readMap(int depth) throws IOException, WampDecodeException {
            Serializers.checkDepth(depth);
            int size = checkLength(in.unpackMapHeader(), 2, "map");
            Map<String, Object> map = new LinkedHashMap<>(size * 4 / 3 + 1);
            for (int i = 0; i < size; i++) {
                if (format().getValueType() != ValueType.STRING) {
                    throw new WampDecodeException("dict keys must be strings, not " + format().getValueType());
                }
                String key = readString();
                map.put(key, readValue(depth + 1));
                if (map.size() == i) {
                    throw new WampDecodeException("dict has key \"" + key + "\" twice");
                }
            }
            return map;
        }

        private MessageFormat format() throws IOException, WampDecodeException {
            MessageFormat format = in.getNextFormat();
            if (format == MessageFormat.NEVER_USED) {
                throw new WampDecodeException("byte 0xc1 is not MessagePack");
            }
            return format;
        }

        /**
         * Refuses a declared length that the rest of the frame cannot hold (each item taking at
         * least {@code bytesPerItem}), so a forged header cannot make us allocate gigabytes.
         */
        private int checkLength(int count, int bytesPerItem, String what) throws WampDecodeException {
            if ((long) count * bytesPerItem > frame.length - position()) {
                throw new WampDecodeException(what + " of length " + count + " runs past the end of the frame");
            }
            return count;
        }

        private int position() {
            return (int) in.getTotalReadBytes();
        }
    }

    /** The MessagePack primitives of the shared value writer. */
    private static final class Writer extends ValueWriter {

        private final MessageBufferPacker out;

        Writer(MessageBufferPacker out) {
            this.out = out;
        }

        @Override
        void writeNull() throws IOException {
            out.packNil();
        }

        @Override
        void writeBoolean(boolean value) throws IOException {
            out.packBoolean(value);
        }

        @Override
        void writeLong(long value) throws IOException {
            out.packLong(value);
        }

        @Override
        void writeBigInteger(BigInteger value) throws IOException {
            out.packBigInteger(value);
        }

        @Override
        void writeDouble(double value) throws IOException {
            out.packDouble(value);
        }

        @Override
        void writeString(String value) throws IOException {
            out.packString(value);
        }

        @Override
        void writeBinary(byte[] value) throws IOException {
            out.packBinaryHeader(value.length);
            out.writePayload(value);
        }

        @Override
        void writeArguments(List<?> args, int depth) throws IOException {
            ReceivedArguments.Raw raw = ReceivedArguments.raw(args, ENCODING);
            if (raw == null) {
                writeList(args, depth);
            } else {
                out.writePayload(raw.frame(), raw.offset(), raw.length());
            }
        }

        @Override
        void startArray(int size) throws IOException {
            out.packArrayHeader(size);
        }

        @Override
        void endArray() {
            // MessagePack arrays are length-prefixed: nothing closes them.
        }

        @Override
        void startMap(int size) throws IOException {
            out.packMapHeader(size);
        }

        @Override
        void writeKey(String key) throws IOException {
            out.packString(key);
        }

        @Override
        void endMap() {
            // MessagePack maps are length-prefixed: nothing closes them.
        }
    }
}
