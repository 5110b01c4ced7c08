package io.natter.wamp.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.natter.wamp.message.Call;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.ReceivedArguments;
import io.natter.wamp.message.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * {@link MsgpackReader} and {@link MsgpackWriter} against the msgpack-core based reading and
 * writing they replaced, kept here as the reference: over seeded random values, messages, frames
 * packed the ways other senders may pack them, and mutations and truncations of those frames, the
 * writer must write the reference's bytes, and the reader must give the reference's values (the
 * same boxed types, {@code byte[]} by content, the same arguments byte ranges) or refuse with the
 * reference's message. Where the reference failed inside msgpack-core (a frame that ends inside a
 * value, a length of 2^31 or more) its message was {@code "malformed MessagePack: null"}; there the
 * reader must say {@code "malformed MessagePack: "} and why.
 */
class MsgpackCodecDifferentialTest {

    private static final long SEED = 0x4D53_4750L;
    private static final String MALFORMED = "malformed MessagePack: ";

    // ---- the writer ----

    @Test
    void writesMsgpackCoresBytesForRandomMessages() throws IOException {
        Random random = new Random(SEED);
        for (int i = 0; i < 3000; i++) {
            Message message = randomMessage(random);
            assertSameBytes(message);
        }
    }

    @Test
    void writesMsgpackCoresBytesAtEveryFormatBoundary() throws IOException {
        List<Object> values = new ArrayList<>();
        for (long v : INTEGER_BOUNDARIES) {
            values.add(v);
        }
        values.add(new BigInteger("9223372036854775808"));
        values.add(new BigInteger("18446744073709551615"));
        values.add(BigInteger.valueOf(-5));
        values.addAll(List.of(0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff0_0000_0000_0001L), Double.MIN_VALUE,
                Double.MAX_VALUE, Double.NEGATIVE_INFINITY, 1.5f));
        for (int n : new int[] {0, 1, 31, 32, 255, 256, 65535, 65536, 70_000}) {
            values.add("x".repeat(n));
            values.add(new byte[n]);
            values.add(new ArrayList<>(java.util.Collections.nCopies(n, 1)));
            Map<String, Object> map = new LinkedHashMap<>();
            for (int k = 0; k < n; k++) {
                map.put(Integer.toString(k), k);
            }
            values.add(map);
        }
        // UTF-8 lengths around the str headers' limits, reached with 2-, 3- and 4-byte characters.
        for (String unit : new String[] {"é", "✓", "😀", "\ud800", "\udc00x", "\udbff\udfff"}) {
            for (int n : new int[] {7, 8, 10, 11, 15, 16, 63, 64, 85, 86, 127, 128, 16383, 16384, 21845, 21846, 32767, 32768}) {
                values.add(unit.repeat(n));
                values.add("a" + unit.repeat(n));
            }
        }
        values.add("\ud800\ud800\udc00");
        values.add("\udc00\ud800");
        values.add("ab\ud800");
        for (Object value : values) {
            assertSameBytes(new Publish(1, Map.of(), "t", SampleMessages.list(value), Map.of("k", value)));
        }
    }

    @Test
    void forwardedArgumentsAreTheBytesAReencodingWouldWrite() throws Exception {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 500; i++) {
            Publish publish = new Publish(i, Map.of(), "t", randomList(random, 2), randomMap(random, 2));
            Publish received = (Publish) Serializers.MSGPACK.decode(referenceEncode(publish));
            Event event = new Event(1, 2, Map.of(), received.args(), received.kwargs());

            byte[] ours = MsgpackWriter.write(event);

            assertThat(ReceivedArguments.raw(received.args(), MsgpackWriter.ENCODING) != null || received.args().isEmpty()).isTrue();
            assertThat(hex(ours)).isEqualTo(hex(referenceEncode(event)));
        }
    }

    private static void assertSameBytes(Message message) throws IOException {
        byte[] expected = referenceEncode(message);
        byte[] actual = MsgpackWriter.write(message);
        if (!Arrays.equals(expected, actual)) {
            fail("%s%nmsgpack-core: %s%nours:         %s", message, hex(expected), hex(actual));
        }
    }

    // ---- the reader ----

    @Test
    void readsWhatTheReferenceReadAndRefusesWhatItRefused() {
        Random random = new Random(SEED + 2);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] frame = randomFrame(random);
            if (compare(frame)) {
                accepted++;
            } else {
                refused++;
            }
            for (int m = 0; m < 4; m++) {
                if (compare(mutate(frame, random))) {
                    accepted++;
                } else {
                    refused++;
                }
            }
            compare(Arrays.copyOf(frame, random.nextInt(frame.length + 1)));
        }
        // Both outcomes must be common, or the frames only ever tested one of them.
        assertThat(accepted).isGreaterThan(3000);
        assertThat(refused).isGreaterThan(3000);
    }

    @Test
    void readsEveryTruncationOfSampleMessagesAsTheReferenceDid() throws IOException {
        for (Message message : SampleMessages.all()) {
            byte[] frame = referenceEncode(message);
            for (int length = 0; length <= frame.length; length++) {
                compare(Arrays.copyOf(frame, length));
            }
        }
    }

    /** Reads {@code frame} with both; true when it was accepted. */
    private static boolean compare(byte[] frame) {
        Object expected;
        Object actual;
        try {
            expected = referenceRead(frame);
        } catch (WampDecodeException e) {
            try {
                MsgpackReader.readFrame(frame, MsgpackWriter.ENCODING);
            } catch (WampDecodeException ours) {
                String message = ours.getMessage();
                boolean same = e.getMessage().startsWith(MALFORMED) ? message.startsWith(MALFORMED) : message.equals(e.getMessage());
                if (!same) {
                    fail("%s: msgpack-core refused with \"%s\", ours with \"%s\"", hex(frame), e.getMessage(), message);
                }
                return false;
            } catch (RuntimeException ours) {
                fail("%s: ours threw %s", hex(frame), ours);
            }
            fail("%s: msgpack-core refused with \"%s\", ours accepted it", hex(frame), e.getMessage());
            return false;
        }
        try {
            actual = MsgpackReader.readFrame(frame, MsgpackWriter.ENCODING);
        } catch (WampDecodeException | RuntimeException ours) {
            fail("%s: msgpack-core accepted it, ours refused: %s", hex(frame), ours);
            return false;
        }
        assertSameValue(expected, actual, hex(frame));
        List<?> expectedElements = (List<?>) expected;
        List<?> actualElements = (List<?>) actual;
        for (int i = 0; i < expectedElements.size(); i++) {
            if (expectedElements.get(i) instanceof List<?> args) {
                assertThat(ReceivedArguments.raw((List<?>) actualElements.get(i), MsgpackWriter.ENCODING))
                        .as("%s: raw of element %d", hex(frame), i)
                        .isEqualTo(ReceivedArguments.raw(args, REFERENCE_ENCODING));
            }
        }
        return true;
    }

    /** Equal values of the same classes, {@code byte[]} by content, maps in the same order. */
    private static void assertSameValue(Object expected, Object actual, String where) {
        if (expected == null || actual == null) {
            assertThat(actual).as(where).isEqualTo(expected);
        } else if (expected instanceof byte[] bytes) {
            assertThat(actual).as(where).isInstanceOf(byte[].class);
            assertThat((byte[]) actual).as(where).isEqualTo(bytes);
        } else if (expected instanceof List<?> list) {
            assertThat(actual).as(where).isInstanceOf(List.class);
            List<?> other = (List<?>) actual;
            assertThat(other).as(where).hasSameSizeAs(list);
            for (int i = 0; i < list.size(); i++) {
                assertSameValue(list.get(i), other.get(i), where);
            }
        } else if (expected instanceof Map<?, ?> map) {
            assertThat(actual).as(where).isInstanceOf(Map.class);
            Map<?, ?> other = (Map<?, ?>) actual;
            assertThat(new ArrayList<>(other.keySet())).as(where).isEqualTo(new ArrayList<>(map.keySet()));
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                assertSameValue(entry.getValue(), other.get(entry.getKey()), where);
            }
        } else {
            assertThat(actual).as(where).isExactlyInstanceOf(expected.getClass()).isEqualTo(expected);
        }
    }

    // ---- random values, messages and frames ----

    private static final long[] INTEGER_BOUNDARIES = {0, 1, -1, 31, 32, -31, -32, -33, 127, 128, -127, -128, -129, 255, 256,
        32767, 32768, -32767, -32768, -32769, 65535, 65536, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE,
        Integer.MIN_VALUE - 1L, (1L << 32) - 1, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1};

    private static final String[] CHARS = {"a", "Z", " ", "\"", "\u0000", "\u007f", "é", "\u0080", "\u07ff", "\u0800", "✓", "日",
        "\uffff", "😀", "\udbff\udfff", "\ud800", "\udc00"};

    private static Message randomMessage(Random random) {
        List<Object> args = random.nextInt(4) == 0 ? List.of() : randomList(random, 1);
        Map<String, Object> kwargs = random.nextInt(3) == 0 ? Map.of() : randomMap(random, 1);
        long id = random.nextLong() & MessageReader.MAX_ID;
        return switch (random.nextInt(4)) {
            case 0 -> new Publish(id, randomMap(random, 1), randomString(random), args, kwargs);
            case 1 -> new Event(id, id / 2, randomMap(random, 1), args, kwargs);
            case 2 -> new Call(id, Map.of(), "com.example.p", args, kwargs);
            default -> new Result(id, randomMap(random, 1), args, kwargs);
        };
    }

    private static Object randomValue(Random random, int depth) {
        int kinds = depth >= 5 ? 9 : 11;
        return switch (random.nextInt(kinds)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> {
                long v = random.nextBoolean() ? INTEGER_BOUNDARIES[random.nextInt(INTEGER_BOUNDARIES.length)]
                        : random.nextLong() >> random.nextInt(64);
                yield v == (int) v && random.nextBoolean() ? (Object) (int) v : (Object) v;
            }
            case 3 -> random.nextBoolean() ? BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE).setBit(63)
                    : BigInteger.valueOf(random.nextLong());
            case 4 -> random.nextBoolean() ? Double.longBitsToDouble(random.nextLong()) : (double) random.nextInt(1000) / 8;
            case 5 -> Float.intBitsToFloat(random.nextInt());
            case 6, 7 -> randomString(random);
            case 8 -> {
                byte[] bytes = new byte[randomLength(random)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 9 -> randomList(random, depth + 1);
            default -> randomMap(random, depth + 1);
        };
    }

    private static int randomLength(Random random) {
        return switch (random.nextInt(20)) {
            case 0 -> 30 + random.nextInt(4);
            case 1 -> 250 + random.nextInt(10);
            case 2 -> random.nextInt(50) == 0 ? 65530 + random.nextInt(10) : 300;
            default -> random.nextInt(24);
        };
    }

    private static String randomString(Random random) {
        int n = randomLength(random);
        StringBuilder s = new StringBuilder(n);
        boolean ascii = random.nextBoolean();
        for (int i = 0; i < n; i++) {
            s.append(ascii ? String.valueOf((char) (0x20 + random.nextInt(0x5f))) : CHARS[random.nextInt(CHARS.length)]);
        }
        return s.toString();
    }

    private static List<Object> randomList(Random random, int depth) {
        int n = random.nextInt(10) == 0 ? 14 + random.nextInt(4) : random.nextInt(5);
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(randomValue(random, depth));
        }
        return list;
    }

    private static Map<String, Object> randomMap(Random random, int depth) {
        int n = random.nextInt(10) == 0 ? 14 + random.nextInt(4) : random.nextInt(5);
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(random.nextBoolean() ? "k" + i : randomString(random), randomValue(random, depth));
        }
        return map;
    }

    /**
     * A frame as any sender may pack it: wide forms for small values, float32, the odd extension
     * type, 0xc1, non-string or repeated keys, invalid UTF-8, and now and then not an array.
     */
    private static byte[] randomFrame(Random random) {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        try {
            if (random.nextInt(30) == 0) {
                rawValue(p, random, 0);
            } else {
                int n = 1 + random.nextInt(6);
                arrayHeader(p, random, n);
                p.packInt(random.nextInt(70));
                for (int i = 1; i < n; i++) {
                    rawValue(p, random, 1);
                }
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rawValue(MessageBufferPacker p, Random random, int depth) throws IOException {
        switch (random.nextInt(depth > 4 ? 9 : 11)) {
            case 0 -> p.packNil();
            case 1 -> p.packBoolean(random.nextBoolean());
            case 2 -> {
                long v = random.nextBoolean() ? INTEGER_BOUNDARIES[random.nextInt(INTEGER_BOUNDARIES.length)]
                        : random.nextLong() >> random.nextInt(64);
                int form = random.nextInt(12);
                if (form < 8) {
                    // A fixed-width form, which may be wider than the value needs (the bytes are cut to fit).
                    int width = 1 << (form & 3);
                    p.writePayload(new byte[] {(byte) ((form < 4 ? 0xcc : 0xd0) + (form & 3))});
                    p.writePayload(Arrays.copyOfRange(ByteBuffer.allocate(8).putLong(v).array(), 8 - width, 8));
                } else {
                    p.packLong(v);
                }
            }
            case 3 -> {
                if (random.nextBoolean()) {
                    p.packFloat(Float.intBitsToFloat(random.nextInt()));
                } else {
                    p.packDouble(Double.longBitsToDouble(random.nextLong()));
                }
            }
            case 4, 5 -> {
                byte[] utf8 = randomString(random).getBytes(StandardCharsets.UTF_8);
                if (random.nextInt(20) == 0 && utf8.length > 0) {
                    utf8[random.nextInt(utf8.length)] = (byte) (0x80 + random.nextInt(0x80));
                }
                rawHeader(p, random, utf8.length, 0xa0, 31, 0xd9);
                p.writePayload(utf8);
            }
            case 6 -> {
                byte[] bytes = new byte[randomLength(random)];
                random.nextBytes(bytes);
                rawHeader(p, random, bytes.length, -1, -1, 0xc4);
                p.writePayload(bytes);
            }
            case 7 -> {
                int kind = random.nextInt(40);
                if (kind == 0) {
                    p.packExtensionTypeHeader((byte) random.nextInt(128), 1 + random.nextInt(20));
                    p.writePayload(new byte[] {1});
                } else if (kind == 1) {
                    p.writePayload(new byte[] {(byte) 0xc1});
                } else {
                    p.packInt(random.nextInt(100));
                }
            }
            case 8 -> p.packString("s" + random.nextInt(10));
            case 9 -> {
                int n = random.nextInt(6);
                arrayHeader(p, random, n);
                for (int i = 0; i < n; i++) {
                    rawValue(p, random, depth + 1);
                }
            }
            default -> {
                int n = random.nextInt(6);
                rawHeader(p, random, n, 0x80, 15, 0xdd); // 0xdd + 1 = map16, + 2 = map32
                for (int i = 0; i < n; i++) {
                    if (random.nextInt(25) == 0) {
                        rawValue(p, random, depth + 1);
                    } else {
                        p.packString(random.nextInt(4) == 0 ? "k" : "k" + i);
                    }
                    rawValue(p, random, depth + 1);
                }
            }
        }
    }

    private static void arrayHeader(MessageBufferPacker p, Random random, int n) throws IOException {
        rawHeader(p, random, n, 0x90, 15, 0xdb); // 0xdb + 1 = array16, + 2 = array32
    }

    /**
     * A header for {@code n} in a form chosen at random among those that hold it: the fix form
     * ({@code fix | n}, up to {@code fixMax}) or the 8-, 16- and 32-bit forms from {@code first}
     * (for arrays and maps, which have no 8-bit form, {@code first} is one before the 16-bit).
     */
    private static void rawHeader(MessageBufferPacker p, Random random, int n, int fix, int fixMax, int first) throws IOException {
        boolean hasByteForm = first != 0xdb && first != 0xdd;
        int form = random.nextInt(4);
        if (form == 0 && n <= fixMax) {
            p.writePayload(new byte[] {(byte) (fix | n)});
        } else if (form <= 1 && n < 256 && hasByteForm) {
            p.writePayload(new byte[] {(byte) first, (byte) n});
        } else if (form <= 2 && n < 65536) {
            p.writePayload(new byte[] {(byte) (first + 1), (byte) (n >> 8), (byte) n});
        } else {
            p.writePayload(new byte[] {(byte) (first + 2)});
            p.writePayload(ByteBuffer.allocate(4).putInt(n).array());
        }
    }

    private static byte[] mutate(byte[] frame, Random random) {
        byte[] out = frame.clone();
        if (out.length == 0) {
            return out;
        }
        int at = random.nextInt(out.length);
        switch (random.nextInt(4)) {
            case 0 -> out[at] = (byte) random.nextInt(256);
            case 1 -> out[at] ^= (byte) (1 << random.nextInt(8));
            case 2 -> out[at] = (byte) new int[] {0xc1, 0xd9, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xc6, 0xcf, 0xff, 0x7f}[random.nextInt(11)];
            default -> {
                byte[] shorter = new byte[out.length - 1];
                System.arraycopy(out, 0, shorter, 0, at);
                System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                out = shorter;
            }
        }
        return out;
    }

    private static String hex(byte[] bytes) {
        String hex = HexFormat.of().formatHex(bytes);
        return hex.length() > 400 ? hex.substring(0, 400) + "..." : hex;
    }

    // ---- the reference: the msgpack-core based MsgpackSerializer this replaced, as it was ----

    private static final Object REFERENCE_ENCODING = new Object();

    private static final MessagePack.PackerConfig PACKER = new MessagePack.PackerConfig().withBufferSize(1024)
            .withSmallStringOptimizationThreshold(Integer.MAX_VALUE);

    private static byte[] referenceEncode(Message message) throws IOException {
        MessageBufferPacker packer = PACKER.newBufferPacker();
        MessageWriter.write(message, new ReferenceWriter(packer));
        return packer.toByteArray();
    }

    private static Object referenceRead(byte[] frame) throws WampDecodeException {
        try {
            return new ReferenceReader(frame).readFrame();
        } catch (IOException | RuntimeException e) {
            throw new WampDecodeException("malformed MessagePack: " + e.getMessage(), e);
        }
    }

    private static final class ReferenceReader {

        private final byte[] frame;
        private final MessageUnpacker in;
        private CharsetDecoder utf8;

        ReferenceReader(byte[] frame) {
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
                elements.add(ReceivedArguments.of(list, REFERENCE_ENCODING,
                        new ReceivedArguments.Raw(frame, start, position() - start)));
            }
            return elements;
        }

        private Object readValue(int depth) throws IOException, WampDecodeException {
            MessageFormat format = format();
            switch (format.getValueType()) {
                case NIL:
                    in.unpackNil();
                    return null;
                case BOOLEAN:
                    return in.unpackBoolean();
                case INTEGER:
                    if (format == MessageFormat.UINT64) {
                        BigInteger big = in.unpackBigInteger();
                        return big.bitLength() < 64 ? narrow(big.longValue()) : big;
                    }
                    return narrow(in.unpackLong());
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

        private static Object narrow(long value) {
            return value == (int) value ? (Object) (int) value : (Object) value;
        }

        private String readString() throws IOException, WampDecodeException {
            int length = checkLength(in.unpackRawStringHeader(), 1, "string");
            int offset = position();
            String text = decodeUtf8(offset, length);
            in.readPayloadAsReference(length);
            return text;
        }

        private String decodeUtf8(int offset, int length) throws WampDecodeException {
            for (int i = offset, end = offset + length; i < end; i++) {
                if (frame[i] < 0) {
                    if (utf8 == null) {
                        utf8 = StandardCharsets.UTF_8.newDecoder();
                    }
                    try {
                        return utf8.decode(ByteBuffer.wrap(frame, offset, length)).toString();
                    } catch (CharacterCodingException e) {
                        throw new WampDecodeException("string is not valid UTF-8", e);
                    }
                }
            }
            return new String(frame, offset, length, StandardCharsets.ISO_8859_1);
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

    private static final class ReferenceWriter extends ValueWriter {

        private final MessageBufferPacker out;

        ReferenceWriter(MessageBufferPacker out) {
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
        void startArray(int size) throws IOException {
            out.packArrayHeader(size);
        }

        @Override
        void endArray() {
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
        }
    }
}
