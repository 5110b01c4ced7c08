package io.natter.wamp.serialization;

import static io.natter.wamp.serialization.SampleMessages.dict;
import static io.natter.wamp.serialization.SampleMessages.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.natter.wamp.message.Publish;
import io.natter.wamp.message.ReceivedArguments;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** MsgpackReader on every format family, its boundaries and the ways a frame can be broken. */
class MsgpackReaderTest {

    private static List<Object> read(byte[] frame) throws WampDecodeException {
        return MsgpackReader.readFrame(frame, MsgpackWriter.ENCODING);
    }

    private static List<Object> read(String hex) throws WampDecodeException {
        return read(hex(hex));
    }

    /** The one value of the frame {@code [value]}, {@code value} given in hex. */
    private static Object value(String hex) throws WampDecodeException {
        return read("91" + hex).get(0);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static String hexOf(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String ascii(int length) {
        return "x".repeat(length);
    }

    private static String asciiHex(int length) {
        return hexOf(ascii(length).getBytes(StandardCharsets.US_ASCII));
    }

    static Stream<Arguments> integers() {
        return Stream.of(
                Arguments.of("00", 0),
                Arguments.of("7f", 127),
                Arguments.of("ff", -1),
                Arguments.of("e0", -32),
                Arguments.of("cc00", 0),
                Arguments.of("cc80", 128),
                Arguments.of("ccff", 255),
                Arguments.of("cd0100", 256),
                Arguments.of("cdffff", 65535),
                Arguments.of("ce00010000", 65536),
                Arguments.of("ce7fffffff", Integer.MAX_VALUE),
                Arguments.of("ce80000000", 1L << 31),
                Arguments.of("ceffffffff", (1L << 32) - 1),
                Arguments.of("cf0000000000000005", 5),
                Arguments.of("cf0000000100000000", 1L << 32),
                Arguments.of("cf7fffffffffffffff", Long.MAX_VALUE),
                Arguments.of("cf8000000000000000", BigInteger.ONE.shiftLeft(63)),
                Arguments.of("cfffffffffffffffff", BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)),
                Arguments.of("d07f", 127),
                Arguments.of("d0df", -33),
                Arguments.of("d080", -128),
                Arguments.of("d17fff", 32767),
                Arguments.of("d18000", -32768),
                Arguments.of("d27fffffff", Integer.MAX_VALUE),
                Arguments.of("d280000000", Integer.MIN_VALUE),
                Arguments.of("d3ffffffffffffffff", -1),
                Arguments.of("d3ffffffff7fffffff", (long) Integer.MIN_VALUE - 1),
                Arguments.of("d30000000080000000", 1L << 31),
                Arguments.of("d38000000000000000", Long.MIN_VALUE),
                Arguments.of("d37fffffffffffffff", Long.MAX_VALUE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("integers")
    void readsEveryIntegerFormAsTheNarrowestBox(String hex, Object expected) throws WampDecodeException {
        Object value = value(hex);

        assertThat(value).isEqualTo(expected);
        assertThat(value).isExactlyInstanceOf(expected.getClass());
    }

    @Test
    void readsNilBooleansAndBothFloatWidthsAsDouble() throws WampDecodeException {
        assertThat(read("94c0c2c3ca3fc00000")).containsExactly(null, false, true, 1.5);
        assertThat(value("cb3ff8000000000000")).isEqualTo(1.5);
        assertThat(value("ca7f800000")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(value("caff800000")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((Double) value("ca7fc00000")).isNaN();
        assertThat(value("ca00000001")).isEqualTo((double) Float.MIN_VALUE);
        assertThat(value("cb8000000000000000")).isEqualTo(-0.0);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 31})
    void readsFixstr(int length) throws WampDecodeException {
        assertThat(value(String.format("%02x", 0xa0 | length) + asciiHex(length))).isEqualTo(ascii(length));
    }

    @Test
    void readsStr8Str16AndStr32AnyLengthTheyDeclare() throws WampDecodeException {
        assertThat(value("d900")).isEqualTo("");
        assertThat(value("d903" + asciiHex(3))).isEqualTo(ascii(3));
        assertThat(value("d9ff" + asciiHex(255))).isEqualTo(ascii(255));
        assertThat(value("da0000")).isEqualTo("");
        assertThat(value("da0100" + asciiHex(256))).isEqualTo(ascii(256));
        assertThat(value("daffff" + asciiHex(65535))).isEqualTo(ascii(65535));
        assertThat(value("db00000000")).isEqualTo("");
        assertThat(value("db00000002" + asciiHex(2))).isEqualTo(ascii(2));
        assertThat(value("db00010000" + asciiHex(65536))).isEqualTo(ascii(65536));
    }

    @Test
    void readsUtf8AndEveryAsciiRunLength() throws WampDecodeException {
        String text = "héllo wörld ✓ 😀 日本";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertThat(value("d9" + String.format("%02x", utf8.length) + hexOf(utf8))).isEqualTo(text);
        // A non-ASCII byte at every position of a run (the reader looks at 8 bytes at a time).
        for (int length = 1; length <= 40; length++) {
            for (int at = 0; at < length; at++) {
                char[] chars = ascii(length).toCharArray();
                chars[at] = 'é';
                String s = new String(chars);
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                assertThat(value("d9" + String.format("%02x", b.length) + hexOf(b))).isEqualTo(s);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a2c328", "a2c080", "a3eda080", "a1c3", "a1ff", "a180", "a4f4908080", "d902e282", "a9" + "6161616161616161ff", "a8" + "ff61616161616161"})
    void refusesStringsThatAreNotUtf8(String hex) {
        assertThatThrownBy(() -> value(hex)).isInstanceOf(WampDecodeException.class).hasMessage("string is not valid UTF-8");
    }

    @Test
    void readsBin8Bin16AndBin32AsACopy() throws WampDecodeException {
        byte[] frame = hex("94c400c403010203c50001ffc60000000299aa");

        List<Object> values = read(frame);
        Arrays.fill(frame, (byte) 0);

        assertThat(values).hasSize(4);
        assertThat((byte[]) values.get(0)).isEmpty();
        assertThat((byte[]) values.get(1)).containsExactly(1, 2, 3);
        assertThat((byte[]) values.get(2)).containsExactly(0xff);
        assertThat((byte[]) values.get(3)).containsExactly(0x99, 0xaa);
        assertThat((byte[]) value("c5ffff" + "00".repeat(65535))).hasSize(65535);
        assertThat((byte[]) value("c600010000" + "00".repeat(65536))).hasSize(65536);
    }

    @Test
    void readsArrayAndMapHeadersOfEveryWidth() throws WampDecodeException {
        assertThat(value("90")).isEqualTo(List.of());
        assertThat(value("9f" + "01".repeat(15))).asInstanceOf(LIST).hasSize(15);
        assertThat(value("dc0000")).isEqualTo(List.of());
        assertThat(value("dc0010" + "01".repeat(16))).asInstanceOf(LIST).hasSize(16);
        assertThat(value("dd00000002c0c0")).isEqualTo(list(null, null));
        assertThat(value("80")).isEqualTo(Map.of());
        assertThat(value("8f" + fixstrKeys(15))).asInstanceOf(MAP).hasSize(15);
        assertThat(value("de0000")).isEqualTo(Map.of());
        assertThat(value("de0010" + fixstrKeys(16))).asInstanceOf(MAP).hasSize(16);
        assertThat(value("df00000001a16101")).isEqualTo(Map.of("a", 1));
        assertThat(read("dc0001c0")).containsExactly((Object) null);
        assertThat(read("dd00000000")).isEmpty();
    }

    /** {@code n} distinct one-letter-or-two keys, each with the value 1, in hex. */
    private static String fixstrKeys(int n) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < n; i++) {
            hex.append("a2").append(hexOf(String.format("k%c", 'a' + i).getBytes(StandardCharsets.US_ASCII))).append("01");
        }
        return hex.toString();
    }

    @Test
    void readsNestedContainersInOrder() throws WampDecodeException {
        // [1, [2, {"b": [3, {}], "a": nil}], {"k": [true]}]
        List<Object> frame = read("9301" + "9202" + "82" + "a162" + "920380" + "a161c0" + "81a16b91c3");

        assertThat(frame).isEqualTo(list(1, list(2, dict("b", list(3, dict()), "a", null)), dict("k", list(true))));
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) ((List<?>) frame.get(1)).get(1);
        assertThat(inner.keySet()).containsExactly("b", "a");
    }

    @Test
    void theFrameArraysArraysKeepWhereTheirBytesLie() throws WampDecodeException {
        byte[] frame = hex("95" + "10" + "920203" + "dc0001a178" + "81a16190" + "90");

        List<Object> elements = read(frame);

        ReceivedArguments.Raw fix = ReceivedArguments.raw((List<?>) elements.get(1), MsgpackWriter.ENCODING);
        assertThat(fix.frame()).isSameAs(frame);
        assertThat(fix.offset()).isEqualTo(2);
        assertThat(fix.length()).isEqualTo(3);
        ReceivedArguments.Raw wide = ReceivedArguments.raw((List<?>) elements.get(2), MsgpackWriter.ENCODING);
        assertThat(wide.offset()).isEqualTo(5);
        assertThat(wide.length()).isEqualTo(5);
        // Only the frame's own elements: an array in a map is a plain list, an empty one List.of().
        List<?> nested = (List<?>) ((Map<?, ?>) elements.get(3)).get("a");
        assertThat(ReceivedArguments.raw(nested, MsgpackWriter.ENCODING)).isNull();
        assertThat(ReceivedArguments.raw((List<?>) elements.get(4), MsgpackWriter.ENCODING)).isNull();
        assertThat(ReceivedArguments.raw((List<?>) elements.get(1), JsonWriter.ENCODING)).isNull();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("", "frame is empty"),
                Arguments.of("c1", "byte 0xc1 is not MessagePack"),
                Arguments.of("91c1", "byte 0xc1 is not MessagePack"),
                Arguments.of("9181c101", "byte 0xc1 is not MessagePack"),
                Arguments.of("9181a161c1", "byte 0xc1 is not MessagePack"),
                Arguments.of("80", "frame must be a MessagePack array"),
                Arguments.of("01", "frame must be a MessagePack array"),
                Arguments.of("a161", "frame must be a MessagePack array"),
                Arguments.of("c0", "frame must be a MessagePack array"),
                Arguments.of("c7", "frame must be a MessagePack array"),
                Arguments.of("9000", "frame has data after the message array"),
                Arguments.of("9190c1", "frame has data after the message array"),
                Arguments.of("9101c0", "frame has data after the message array"),
                Arguments.of("92c7", "array of length 2 runs past the end of the frame"),
                Arguments.of("91c7", "MessagePack extension types are not part of WAMP"),
                Arguments.of("91c8", "MessagePack extension types are not part of WAMP"),
                Arguments.of("91c9", "MessagePack extension types are not part of WAMP"),
                Arguments.of("91d4", "MessagePack extension types are not part of WAMP"),
                Arguments.of("91d5", "MessagePack extension types are not part of WAMP"),
                Arguments.of("91d6", "MessagePack extension types are not part of WAMP"),
                Arguments.of("91d7", "MessagePack extension types are not part of WAMP"),
                Arguments.of("91d8", "MessagePack extension types are not part of WAMP"),
                Arguments.of("91d4ff00", "MessagePack extension types are not part of WAMP"),
                Arguments.of("91810101", "dict keys must be strings, not INTEGER"),
                Arguments.of("9181ff01", "dict keys must be strings, not INTEGER"),
                Arguments.of("9181cc0101", "dict keys must be strings, not INTEGER"),
                Arguments.of("9181c001", "dict keys must be strings, not NIL"),
                Arguments.of("9181c201", "dict keys must be strings, not BOOLEAN"),
                Arguments.of("9181ca3fc0000001", "dict keys must be strings, not FLOAT"),
                Arguments.of("9181c4016101", "dict keys must be strings, not BINARY"),
                Arguments.of("91819001", "dict keys must be strings, not ARRAY"),
                Arguments.of("9181dc000001", "dict keys must be strings, not ARRAY"),
                Arguments.of("91818001", "dict keys must be strings, not MAP"),
                Arguments.of("9181de000001", "dict keys must be strings, not MAP"),
                Arguments.of("9181d4010101", "dict keys must be strings, not EXTENSION"),
                Arguments.of("9182a16101a16102", "dict has key \"a\" twice"),
                Arguments.of("9182a16101d9016102", "dict has key \"a\" twice"),
                // The value is read before the key is found twice.
                Arguments.of("9182a16101a161c1", "byte 0xc1 is not MessagePack"),
                Arguments.of("93", "array of length 3 runs past the end of the frame"),
                Arguments.of("930102", "array of length 3 runs past the end of the frame"),
                Arguments.of("9192", "array of length 2 runs past the end of the frame"),
                Arguments.of("9182a16101", "map of length 2 runs past the end of the frame"),
                Arguments.of("91a3", "string of length 3 runs past the end of the frame"),
                Arguments.of("91d9036161", "string of length 3 runs past the end of the frame"),
                Arguments.of("91c403", "binary of length 3 runs past the end of the frame"),
                Arguments.of("dd7fffffff01", "array of length 2147483647 runs past the end of the frame"),
                Arguments.of("91df7fffffff", "map of length 2147483647 runs past the end of the frame"),
                Arguments.of("91dbfffffff0", "malformed MessagePack: string of length 4294967280 runs past the end of the frame"),
                Arguments.of("91c680000000", "malformed MessagePack: binary of length 2147483648 runs past the end of the frame"),
                Arguments.of("ddffffffff", "malformed MessagePack: array of length 4294967295 runs past the end of the frame"),
                Arguments.of("91dfffffffff", "malformed MessagePack: map of length 4294967295 runs past the end of the frame"),
                Arguments.of("dd", "malformed MessagePack: the frame ends inside a value at byte 1"),
                Arguments.of("dc00", "malformed MessagePack: the frame ends inside a value at byte 2"),
                Arguments.of("9301cd00", "malformed MessagePack: the frame ends inside a value at byte 4"),
                Arguments.of("9201cf000000", "malformed MessagePack: the frame ends inside a value at byte 6"),
                Arguments.of("9201ca0000", "malformed MessagePack: the frame ends inside a value at byte 5"),
                Arguments.of("91d9", "malformed MessagePack: the frame ends inside a value at byte 2"),
                Arguments.of("91c5ff", "malformed MessagePack: the frame ends inside a value at byte 3"),
                Arguments.of("9201d1ff", "malformed MessagePack: the frame ends inside a value at byte 4"),
                Arguments.of("91d3ffffffffffffff", "malformed MessagePack: the frame ends inside a value at byte 9"),
                Arguments.of("9281a161", "malformed MessagePack: the frame ends inside a value at byte 4"),
                Arguments.of("9281a16101", "malformed MessagePack: the frame ends inside a value at byte 5"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    void refusesWithTheMessagesMsgpackCoreReadingGave(String hex, String message) {
        assertThatThrownBy(() -> read(hex)).isInstanceOf(WampDecodeException.class).hasMessage(message);
    }

    @Test
    void checksADeclaredLengthAgainstTheBytesLeftBeforeAllocating() throws WampDecodeException {
        // An array of N needs N bytes left, a map 2N: exactly that many is enough to go on.
        assertThat(read("93010203")).containsExactly(1, 2, 3);
        assertThat(value("81a16101")).isEqualTo(Map.of("a", 1));
        assertThatThrownBy(() -> value("82a16101")).hasMessage("map of length 2 runs past the end of the frame");
        assertThatThrownBy(() -> value("82a16101a1")).hasMessage("string of length 1 runs past the end of the frame");
        assertThatThrownBy(() -> value("82a16101a162"))
                .hasMessage("malformed MessagePack: the frame ends inside a value at byte 7");
        assertThatThrownBy(() -> read("dc0003c0c0")).hasMessage("array of length 3 runs past the end of the frame");
        assertThatThrownBy(() -> value("c5ffff00")).hasMessage("binary of length 65535 runs past the end of the frame");
        assertThatThrownBy(() -> value("da0100" + asciiHex(255)))
                .hasMessage("string of length 256 runs past the end of the frame");
    }

    @Test
    void refusesEveryProperPrefixOfARichFrame() throws Exception {
        byte[] frame = MsgpackWriter.write(new Publish(7, dict("acknowledge", true), "com.example.t",
                list(1, -200, 70_000, 1L << 40, 1.5, "é😀" + ascii(40), new byte[300], null, list(ascii(300))),
                SampleMessages.everyValue()));
        assertThat(read(frame)).hasSize(6);

        for (int length = 0; length < frame.length; length++) {
            byte[] prefix = Arrays.copyOf(frame, length);
            assertThatThrownBy(() -> read(prefix)).as("prefix of %d bytes", length)
                    .isInstanceOf(WampDecodeException.class)
                    .satisfies(e -> assertThat(e.getMessage().startsWith("malformed MessagePack: ")
                            || e.getMessage().endsWith(" runs past the end of the frame")
                            || e.getMessage().equals("frame is empty")).as(e.getMessage()).isTrue());
        }
    }

    @Test
    void nestsAHundredLevelsAndNoMore() throws WampDecodeException {
        // The frame's own array is level 1.
        assertThat(read("91".repeat(99) + "90")).hasSize(1);
        assertThat(read("91" + "81a161".repeat(98) + "80")).hasSize(1);
        assertThatThrownBy(() -> read("91".repeat(100) + "90")).hasMessage("frame nests deeper than 100 levels");
        assertThatThrownBy(() -> read("91" + "81a161".repeat(99) + "80")).hasMessage("frame nests deeper than 100 levels");
        // Refused before the header of the container too deep is read, however broken it is.
        assertThatThrownBy(() -> read("91".repeat(100) + "dd")).hasMessage("frame nests deeper than 100 levels");
        assertThatThrownBy(() -> read("91".repeat(100) + "df")).hasMessage("frame nests deeper than 100 levels");
    }
}
