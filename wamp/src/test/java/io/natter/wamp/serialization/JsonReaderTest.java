package io.natter.wamp.serialization;

import static io.natter.wamp.serialization.JsonSerializerTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.message.ReceivedArguments;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON grammar as {@link JsonReader} reads it: what it accepts as which value, and what it
 * refuses with which error. Where this differs from the Jackson parser it replaced, the test says so.
 */
class JsonReaderTest {

    private static final Object ENCODING = new Object();

    // ---- the frame ----

    @Test
    void aByteOrderMarkIsSkippedWhereJacksonSkippedIt() throws WampDecodeException {
        byte[] frame = bytes(0xEF, 0xBB, 0xBF, "[16,[1]]");

        List<Object> elements = read(frame);

        assertThat(elements).containsExactly(16, List.of(1));
        // Offsets stay offsets into the frame as received, mark included.
        assertThat(ReceivedArguments.raw((List<?>) elements.get(1), ENCODING))
                .isEqualTo(new ReceivedArguments.Raw(frame, 7, 3));
        assertThat(error(bytes(0xEF, 0xBB, 0xBF, "  "))).isEqualTo("frame is empty");
        assertThat(error(bytes(0xEF, 0xBB, 0xBF, "1"))).isEqualTo("frame must be a JSON array");
        // Jackson looked for the mark only in a frame of 4 bytes or more, and only at its start.
        assertThat(error(bytes(0xEF, 0xBB, 0xBF))).startsWith("malformed JSON: ");
        assertThat(error(bytes(" ", 0xEF, 0xBB, 0xBF, "[1]"))).startsWith("malformed JSON: ");
        assertThat(error(bytes(0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, "[1]"))).startsWith("malformed JSON: ");
        assertThat(error(bytes(0xEF, 0xBB, 0xBF, 0, "[1]"))).isEqualTo("frame is not UTF-8 JSON text");
    }

    static Stream<Arguments> frameErrors() {
        return Stream.of(
                Arguments.of("", "frame is empty"),
                Arguments.of(" \t\r\n", "frame is empty"),
                Arguments.of("42", "frame must be a JSON array"),
                Arguments.of(" {\"a\":1}", "frame must be a JSON array"),
                Arguments.of("\"s", "frame must be a JSON array"),
                Arguments.of("true", "frame must be a JSON array"),
                Arguments.of("null ", "frame must be a JSON array"),
                Arguments.of("hello", "malformed JSON: unexpected 'h', expected a value at byte 0"),
                Arguments.of("]", "malformed JSON: unexpected ']', expected a value at byte 0"),
                Arguments.of("42x", "malformed JSON: unexpected 'x', expected whitespace after a number outside the frame array at byte 2"),
                Arguments.of("tru", "malformed JSON: unknown word (expected true) at byte 0"),
                Arguments.of("[1] ", null),
                Arguments.of("[1][2]", "frame has data after the message array"),
                Arguments.of("[1] 1", "frame has data after the message array"),
                Arguments.of("[1]{", "frame has data after the message array"),
                Arguments.of("[1]\"x", "frame has data after the message array"),
                Arguments.of("[1]false", "frame has data after the message array"),
                Arguments.of("[1] x", "malformed JSON: unexpected 'x', expected a value at byte 4"),
                Arguments.of("[1]]", "malformed JSON: unexpected ']', expected a value at byte 3"),
                Arguments.of("[1],", "malformed JSON: unexpected ',', expected a value at byte 3"),
                Arguments.of("[1]1,", "malformed JSON: unexpected ',', expected whitespace after a number outside the frame array at byte 4"),
                Arguments.of("[1]-", "malformed JSON: a digit expected after '-' at byte 4"),
                Arguments.of("[1]\f", "malformed JSON: unexpected byte 0x0C, expected a value at byte 3"),
                Arguments.of("[1\u0000]", "frame is not UTF-8 JSON text"),
                Arguments.of("[1,2,\u0000]", "malformed JSON: unexpected byte 0x00, expected a value at byte 5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frameErrors")
    void readsTheFrameArrayAndNothingElse(String frame, String message) {
        if (message == null) {
            assertThat(read(frame)).containsExactly(1);
        } else {
            assertThat(error(frame)).isEqualTo(message);
        }
    }

    @Test
    void whitespaceIsSpaceTabLineFeedAndCarriageReturnOnly() {
        assertThat(read(" \t\r\n[ \t\r\n1 \t\r\n, \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n2 \t\r\n} \t\r\n] \t\r\n"))
                .containsExactly(1, Map.of("a", 2));
        assertThat(error("[1,\f2]")).isEqualTo("malformed JSON: unexpected byte 0x0C, expected a value at byte 3");
        assertThat(error("[1,\u000b2]")).startsWith("malformed JSON: unexpected byte 0x0B");
        assertThat(error("[1,\u00a02]")).startsWith("malformed JSON: unexpected byte 0xC2");
        assertThat(error("[1,\ufeff2]")).startsWith("malformed JSON: unexpected byte 0xEF");
    }

    // ---- arrays, objects and the frame's arguments ----

    @Test
    void arraysAreArrayListsAndObjectsLinkedHashMapsInDocumentOrder() {
        Object dict = value("{\"z\":1,\"a\":[2,{}],\"m\":{\"k\":[]}}");

        assertThat(dict).isInstanceOf(LinkedHashMap.class);
        assertThat(List.copyOf(((Map<?, ?>) dict).keySet())).isEqualTo(List.of("z", "a", "m"));
        assertThat(((Map<?, ?>) dict).get("a")).isInstanceOf(ArrayList.class).isEqualTo(List.of(2, Map.of()));
        assertThat(((Map<?, ?>) dict).get("m")).isEqualTo(Map.of("k", List.of()));
        assertThat(read("[]")).isInstanceOf(ArrayList.class).isEmpty();
    }

    @Test
    void theFrameArraysArraysKeepTheirExactText() {
        byte[] frame = "[48, [ 1 ,[2] ] ,{\"a\":[3]}, \"p\",[],[\"]\"]]".getBytes(StandardCharsets.UTF_8);

        List<Object> elements = read(frame);

        assertThat(ReceivedArguments.raw((List<?>) elements.get(1), ENCODING)).isEqualTo(new ReceivedArguments.Raw(frame, 5, 10));
        assertThat(elements.get(1)).isEqualTo(List.of(1, List.of(2)));
        // Arrays deeper down and empty arrays carry no text.
        assertThat(ReceivedArguments.raw((List<?>) ((List<?>) elements.get(1)).get(1), ENCODING)).isNull();
        assertThat(ReceivedArguments.raw((List<?>) ((Map<?, ?>) elements.get(2)).get("a"), ENCODING)).isNull();
        assertThat(ReceivedArguments.raw((List<?>) elements.get(4), ENCODING)).isNull();
        assertThat(ReceivedArguments.raw((List<?>) elements.get(5), ENCODING)).isEqualTo(new ReceivedArguments.Raw(frame, 35, 5));
        assertThat(elements.get(3)).isEqualTo("p");
    }

    static Stream<Arguments> structureErrors() {
        return Stream.of(
                Arguments.of("[1,]", "malformed JSON: unexpected ']', expected a value at byte 3"),
                Arguments.of("[,1]", "malformed JSON: unexpected ',', expected a value at byte 1"),
                Arguments.of("[1 2]", "malformed JSON: unexpected '2', expected ',' or ']' at byte 3"),
                Arguments.of("[[1 2]]", "malformed JSON: unexpected '2', expected ',' or ']' at byte 4"),
                Arguments.of("[{\"a\":1,}]", "malformed JSON: unexpected '}', expected a key in double quotes at byte 8"),
                Arguments.of("[{,}]", "malformed JSON: unexpected ',', expected a key in double quotes at byte 2"),
                Arguments.of("[{\"a\" 1}]", "malformed JSON: unexpected '1', expected ':' at byte 6"),
                Arguments.of("[{\"a\":1 \"b\":2}]", "malformed JSON: unexpected '\"', expected ',' or '}' at byte 8"),
                Arguments.of("[{1:2}]", "malformed JSON: unexpected '1', expected a key in double quotes at byte 2"),
                Arguments.of("[{a:1}]", "malformed JSON: unexpected 'a', expected a key in double quotes at byte 2"),
                Arguments.of("[{'a':1}]", "malformed JSON: unexpected ''', expected a key in double quotes at byte 2"),
                Arguments.of("['a']", "malformed JSON: unexpected ''', expected a value at byte 1"),
                Arguments.of("[1 /* c */]", "malformed JSON: unexpected '/', expected ',' or ']' at byte 3"),
                Arguments.of("[1, // c\n2]", "malformed JSON: unexpected '/', expected a value at byte 4"),
                Arguments.of("[1 # c\n]", "malformed JSON: unexpected '#', expected ',' or ']' at byte 3"),
                Arguments.of("[1", "malformed JSON: unexpected end of input, expected ',' or ']' at byte 2"),
                Arguments.of("[1,", "malformed JSON: unexpected end of input, expected a value at byte 3"),
                Arguments.of("[", "malformed JSON: unexpected end of input, expected a value at byte 1"),
                Arguments.of("[{", "malformed JSON: unexpected end of input, expected a key in double quotes at byte 2"),
                Arguments.of("[{\"a\"", "malformed JSON: unexpected end of input, expected ':' at byte 5"),
                Arguments.of("[{\"a\":", "malformed JSON: unexpected end of input, expected a value at byte 6"),
                Arguments.of("[{\"a\":1", "malformed JSON: unexpected end of input, expected ',' or '}' at byte 7"),
                Arguments.of("[[[]]", "malformed JSON: unexpected end of input, expected ',' or ']' at byte 5"),
                Arguments.of("[abc]", "malformed JSON: unexpected 'a', expected a value at byte 1"),
                Arguments.of("[{\"a\":1,\"b\":2,\"a\":3}]", "dict has key \"a\" twice"),
                Arguments.of("[{\"a\":{\"a\":1},\"\\u0061\":2}]", "dict has key \"a\" twice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structureErrors")
    void refusesMalformedStructure(String frame, String message) {
        assertThat(error(frame)).isEqualTo(message);
    }

    @Test
    void nestsUpToTheDepthLimitAndNoFurther() {
        // The frame array is level 1: 99 more are allowed, the 100th more is not.
        assertThat(read("[" + "[".repeat(99) + "]".repeat(99) + "]")).hasSize(1);
        assertThat(read("[" + "{\"k\":".repeat(99) + "1" + "}".repeat(99) + "]")).hasSize(1);
        assertThat(error("[" + "[".repeat(100) + "]".repeat(100) + "]")).isEqualTo("frame nests deeper than 100 levels");
        assertThat(error("[" + "[{\"k\":".repeat(50) + "1" + "}]".repeat(50) + "]")).isEqualTo("frame nests deeper than 100 levels");
        // Far deeper (and unclosed) frames fail the same way, long before the stack would.
        assertThat(error("[" + "[".repeat(1_000_000))).isEqualTo("frame nests deeper than 100 levels");
        assertThat(error("[" + "{\"k\":".repeat(1_000_000))).isEqualTo("frame nests deeper than 100 levels");
    }

    // ---- strings ----

    @Test
    void plainAsciiStringsAreReadAsTheyAre() {
        assertThat(value("\"\"")).isEqualTo("");
        assertThat(value("\"com.example.topic\"")).isEqualTo("com.example.topic");
        assertThat(value("\" ~\u007f/'\"")).isEqualTo(" ~\u007f/'");
    }

    @Test
    void findsTheEndOfAPlainRunEightBytesAtATime() {
        // Every byte value at every position of a word, among plain bytes low and high.
        for (long background : new long[] {0x2020_2020_2020_2020L, 0x7E7E_7E7E_7E7E_7E7EL, 0x6161_6161_6161_6161L,
                0x2123_5B5D_5D5B_2321L}) {
            for (int b = 0; b < 256; b++) {
                for (int at = 0; at < 8; at++) {
                    long word = background & ~(0xFFL << 8 * at) | (long) b << 8 * at;
                    assertThat(JsonReader.endsPlainRun(word)).as("%016x", word).isEqualTo(endsPlainRun(word));
                }
            }
        }
        java.util.Random random = new java.util.Random(8);
        for (int i = 0; i < 200_000; i++) {
            long word = random.nextLong();
            if (i % 2 == 0) {
                word &= 0x7F7F_7F7F_7F7F_7F7FL; // mostly ASCII, so that the other bytes matter
                word |= 0x2020_2020_2020_2020L & random.nextLong() | 0x4040_4040_4040_4040L & random.nextLong();
            }
            assertThat(JsonReader.endsPlainRun(word)).as("%016x", word).isEqualTo(endsPlainRun(word));
        }
    }

    private static boolean endsPlainRun(long word) {
        for (int at = 0; at < 8; at++) {
            int b = (int) (word >>> 8 * at) & 0xFF;
            if (b == '"' || b == '\\' || b < 0x20 || b > 0x7F) {
                return true;
            }
        }
        return false;
    }

    @Test
    void readsStringsWhateverTheirLengthAndWhereverTheirFirstSpecialByte() {
        for (int length = 0; length < 40; length++) {
            String plain = "abcdefghijklmnopqrstuvwxyz0123456789ABCD".substring(0, length);
            assertThat(value("\"" + plain + "\"")).isEqualTo(plain);
            for (int at = 0; at <= length; at++) {
                String head = plain.substring(0, at);
                String tail = plain.substring(at);
                assertThat(value("\"" + head + "\\n" + tail + "\"")).isEqualTo(head + "\n" + tail);
                assertThat(value("\"" + head + "é" + tail + "\"")).isEqualTo(head + "é" + tail);
                assertThat(error("[\"" + head + "\u0001" + tail + "\"]")).startsWith("malformed JSON: unescaped control");
                assertThat(error("[\"" + head)).startsWith("malformed JSON: unterminated string");
            }
        }
    }

    @Test
    void readsEveryEscape() {
        assertThat(value("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"")).isEqualTo("\"\\/\b\f\n\r\t");
        assertThat(value("\"a\\u00e9\\u00C9\\u65E5\\uffff\\u0001b\"")).isEqualTo("a\u00e9\u00c9\u65e5\uffff\u0001b");
        assertThat(value("\"\\ud83d\\ude00\"")).isEqualTo("\ud83d\ude00");
        assertThat(value("\"x\\ud83d\\uDE00y\\u00e9\"")).isEqualTo("x\ud83d\ude00y\u00e9");
        assertThat(value("{\"k\\n\\u00e9\":1}")).isEqualTo(Map.of("k\n\u00e9", 1));
    }

    @Test
    void readsUtf8() {
        assertThat(value("\"ü日本 😀\"")).isEqualTo("ü日本 😀");
        assertThat(value("{\"ü😀\":\"x\\\"ü\"}")).isEqualTo(Map.of("ü😀", "x\"ü"));
        // The bounds of each sequence length, and around the surrogates.
        assertThat(value(bytes("\"", 0xC2, 0x80, 0xDF, 0xBF, "\""))).isEqualTo("\u0080\u07ff");
        assertThat(value(bytes("\"", 0xE0, 0xA0, 0x80, 0xED, 0x9F, 0xBF, 0xEE, 0x80, 0x80, 0xEF, 0xBF, 0xBF, "\"")))
                .isEqualTo("\u0800\ud7ff\ue000\uffff");
        assertThat(value(bytes("\"", 0xF0, 0x90, 0x80, 0x80, 0xF4, 0x8F, 0xBF, 0xBF, "\"")))
                .isEqualTo(new String(Character.toChars(0x10000)) + new String(Character.toChars(0x10FFFF)));
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of("stray continuation", bytes("[\"", 0x80, "\"]")),
                Arguments.of("bad continuation", bytes("[\"", 0xC3, 0x28, "\"]")),
                Arguments.of("truncated 2", bytes("[\"", 0xC3, "\"]")),
                Arguments.of("truncated 3", bytes("[\"", 0xE2, 0x82, "\"]")),
                Arguments.of("truncated 4", bytes("[\"", 0xF0, 0x9F, 0x98, "\"]")),
                Arguments.of("truncated at the end", bytes("[\"", 0xF0, 0x9F)),
                Arguments.of("overlong NUL", bytes("[\"", 0xC0, 0x80, "\"]")),
                Arguments.of("overlong 2", bytes("[\"", 0xC1, 0xBF, "\"]")),
                Arguments.of("overlong 3", bytes("[\"", 0xE0, 0x9F, 0xBF, "\"]")),
                Arguments.of("overlong 3 NUL", bytes("[\"", 0xE0, 0x80, 0x80, "\"]")),
                Arguments.of("overlong 4", bytes("[\"", 0xF0, 0x8F, 0xBF, 0xBF, "\"]")),
                Arguments.of("encoded high surrogate", bytes("[\"", 0xED, 0xA0, 0x80, "\"]")),
                Arguments.of("encoded low surrogate", bytes("[\"", 0xED, 0xBF, 0xBF, "\"]")),
                Arguments.of("encoded pair", bytes("[\"", 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80, "\"]")),
                Arguments.of("beyond U+10FFFF", bytes("[\"", 0xF4, 0x90, 0x80, 0x80, "\"]")),
                Arguments.of("F5", bytes("[\"", 0xF5, 0x80, 0x80, 0x80, "\"]")),
                Arguments.of("F8", bytes("[\"", 0xF8, 0x88, 0x80, 0x80, 0x80, "\"]")),
                Arguments.of("FF", bytes("[\"", 0xFF, "\"]")),
                Arguments.of("in a key", bytes("[{\"", 0xC3, 0x28, "\":1}]")),
                Arguments.of("overlong in a key", bytes("[{\"", 0xC0, 0x80, "\":1}]")),
                Arguments.of("outside a string", bytes("[1,", 0xC3, 0xA9, "]")));
    }

    /**
     * Jackson refused all of these too, but read the 2- and 3-byte overlong forms (C0 80 even
     * as the binary prefix), and refused 4-byte overlong forms and those beyond U+10FFFF only as
     * unpaired surrogates.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void refusesWhatIsNotUtf8(String name, byte[] frame) {
        assertThat(error(frame)).startsWith("malformed JSON: ").containsPattern("UTF-8|unexpected byte 0xC3");
    }

    static Stream<Arguments> stringErrors() {
        return Stream.of(
                Arguments.of("[\"a\tb\"]", "malformed JSON: unescaped control character 0x09 in a string at byte 3"),
                Arguments.of("[\"\u0001\"]", "malformed JSON: unescaped control character 0x01 in a string at byte 2"),
                Arguments.of("[\"é\u001f\"]", "malformed JSON: unescaped control character 0x1f in a string at byte 4"),
                Arguments.of("[\"a\nb\"]", "malformed JSON: unescaped control character 0x0a in a string at byte 3"),
                Arguments.of("[{\"a\nb\":1}]", "malformed JSON: unescaped control character 0x0a in a string at byte 4"),
                Arguments.of("[\"\\a\"]", "malformed JSON: unknown escape 'a' after '\\' at byte 2"),
                Arguments.of("[\"\\U00e9\"]", "malformed JSON: unknown escape 'U' after '\\' at byte 2"),
                Arguments.of("[\"\\'\"]", "malformed JSON: unknown escape ''' after '\\' at byte 2"),
                Arguments.of("[\"\\x41\"]", "malformed JSON: unknown escape 'x' after '\\' at byte 2"),
                Arguments.of("[\"\\ \"]", "malformed JSON: unknown escape byte 0x20 after '\\' at byte 2"),
                Arguments.of("[\"\\u12\"]", "malformed JSON: \\u not followed by 4 hex digits at byte 2"),
                Arguments.of("[\"\\u12G4\"]", "malformed JSON: \\u not followed by 4 hex digits at byte 2"),
                Arguments.of("[\"\\u12", "malformed JSON: \\u not followed by 4 hex digits at byte 2"),
                Arguments.of("[\"abc", "malformed JSON: unterminated string at byte 1"),
                Arguments.of("[\"ab\\\"]", "malformed JSON: unterminated string at byte 1"),
                Arguments.of("[\"ab\\", "malformed JSON: unterminated string at byte 1"),
                Arguments.of("[\"é", "malformed JSON: unterminated string at byte 1"),
                Arguments.of("[{\"k", "malformed JSON: unterminated string at byte 2"),
                Arguments.of("[\"\\ud83d\"]", "string has an unpaired surrogate at index 0"),
                Arguments.of("[\"\\ude00\"]", "string has an unpaired surrogate at index 0"),
                Arguments.of("[\"a\\udc00b\"]", "string has an unpaired surrogate at index 1"),
                Arguments.of("[\"ab\\ud83dx\"]", "string has an unpaired surrogate at index 2"),
                Arguments.of("[\"\\ud83d\\ud83d\\ude00\"]", "string has an unpaired surrogate at index 0"),
                Arguments.of("[\"\\ude00\\ud83d\"]", "string has an unpaired surrogate at index 0"),
                Arguments.of("[\"\\ud83d😀\"]", "string has an unpaired surrogate at index 0"),
                Arguments.of("[\"😀\\ude00\"]", "string has an unpaired surrogate at index 2"),
                // Jackson called these malformed JSON; a key is checked as a value is.
                Arguments.of("[{\"\\ud83d\":1}]", "string has an unpaired surrogate at index 0"),
                Arguments.of("[{\"\\u0000\\udc00\":1}]", "string has an unpaired surrogate at index 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stringErrors")
    void refusesMalformedStrings(String frame, String message) {
        assertThat(error(frame)).isEqualTo(message);
    }

    @Test
    void stringsStartingWithNulAreBase64Bytes() {
        assertThat(value("\"\\u0000AQID\"")).isEqualTo(new byte[] {1, 2, 3});
        assertThat(value("\"\\u0000\"")).isEqualTo(new byte[0]);
        assertThat(value("\"\\u0000AQ\"")).isEqualTo(new byte[] {1});
        assertThat(value("\"\\u0000AQ==\"")).isEqualTo(new byte[] {1});
        assertThat(value("\"\\u0000\\u0041Q\\u003d=\"")).isEqualTo(new byte[] {1});
        assertThat(error("[\"\\u0000!!\"]")).isEqualTo("binary string is not valid Base64: Illegal base64 character 21");
        assertThat(error("[\"\\u0000A\"]")).startsWith("binary string is not valid Base64: ");
        // The Base64 check, not the surrogate check, judges binary strings (as before).
        assertThat(error("[\"\\u0000\\ud800\"]")).startsWith("binary string is not valid Base64: ");
        // Keys are never binary.
        assertThat(value("{\"\\u0000AQID\":1}")).isEqualTo(Map.of("\u0000AQID", 1));
    }

    @Test
    void limitsStringsAndKeysAsJacksonDid() {
        String key = "a".repeat(50_000);
        assertThat(value("{\"" + key + "\":1}")).isEqualTo(Map.of(key, 1));
        assertThat(error("[{\"" + key + "a\":1}]")).isEqualTo("malformed JSON: a key of more than 50000 bytes at byte 2");
        // Keys count their UTF-8 bytes, escapes decoded.
        assertThat(value("{\"" + "é".repeat(25_000) + "\":1}")).isEqualTo(Map.of("é".repeat(25_000), 1));
        assertThat(error("[{\"" + "é".repeat(25_001) + "\":1}]")).startsWith("malformed JSON: a key of more than 50000 bytes");
        assertThat(error("[{\"" + "\\u0061".repeat(50_001) + "\":1}]")).startsWith("malformed JSON: a key of more than 50000 bytes");
        assertThat(error("[{\"" + "😀".repeat(12_501) + "\":1}]")).startsWith("malformed JSON: a key of more than 50000 bytes");
        // Strings count their chars.
        String text = "a".repeat(20_000_000);
        assertThat(value("\"" + text + "\"")).isEqualTo(text);
        assertThat(error("[\"" + text + "a\"]")).isEqualTo("malformed JSON: a string of more than 20000000 characters at byte 1");
        assertThat(error("[\"" + text.substring(1) + "😀\"]")).startsWith("malformed JSON: a string of more than 20000000 characters");
    }

    // ---- numbers and literals ----

    static Stream<Arguments> numbers() {
        return Stream.of(
                Arguments.of("0", 0),
                Arguments.of("-0", 0),
                Arguments.of("7", 7),
                Arguments.of("-7", -7),
                Arguments.of("2147483647", Integer.MAX_VALUE),
                Arguments.of("-2147483648", Integer.MIN_VALUE),
                Arguments.of("2147483648", 2147483648L),
                Arguments.of("-2147483649", -2147483649L),
                Arguments.of("999999999999999999", 999999999999999999L),
                Arguments.of("9007199254740993", 9007199254740993L),
                Arguments.of("9223372036854775807", Long.MAX_VALUE),
                Arguments.of("-9223372036854775808", Long.MIN_VALUE),
                Arguments.of("9223372036854775808", new BigInteger("9223372036854775808")),
                Arguments.of("18446744073709551615", new BigInteger("18446744073709551615")),
                Arguments.of("1.0", 1.0),
                Arguments.of("1e2", 100.0),
                Arguments.of("1E+2", 100.0),
                Arguments.of("1e-2", 0.01),
                Arguments.of("-1.5E3", -1500.0),
                Arguments.of("0e5", 0.0),
                Arguments.of("-0.0", -0.0),
                Arguments.of("-0e0", -0.0),
                Arguments.of("0.1", 0.1),
                Arguments.of("1e-400", 0.0),
                Arguments.of("4.9e-324", Double.MIN_VALUE),
                Arguments.of("1.7976931348623157e308", Double.MAX_VALUE),
                Arguments.of("123456789012345678901234567890.5", 1.2345678901234568E29),
                Arguments.of("1e" + "0".repeat(998) + "1", 10.0),
                Arguments.of("0." + "1".repeat(999), 0.1111111111111111),
                Arguments.of("true", true),
                Arguments.of("false", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numbers")
    void readsNumbersAsTheSmallestTypeThatHoldsThem(String text, Object expected) {
        Object value = value(text);

        assertThat(value).isEqualTo(expected);
        assertThat(value).isExactlyInstanceOf(expected.getClass());
    }

    @Test
    void readsNull() {
        assertThat(read("[null, null]")).containsExactly(null, null);
    }

    static Stream<Arguments> numberErrors() {
        return Stream.of(
                Arguments.of("01", "malformed JSON: a number with a leading zero at byte 1"),
                Arguments.of("-01", "malformed JSON: a number with a leading zero at byte 1"),
                Arguments.of("00", "malformed JSON: a number with a leading zero at byte 1"),
                Arguments.of("+1", "malformed JSON: unexpected '+', expected a value at byte 1"),
                Arguments.of(".5", "malformed JSON: unexpected '.', expected a value at byte 1"),
                Arguments.of("1.", "malformed JSON: a digit expected after the decimal point at byte 3"),
                Arguments.of("1.e2", "malformed JSON: a digit expected after the decimal point at byte 3"),
                Arguments.of("1e", "malformed JSON: a digit expected in the exponent at byte 3"),
                Arguments.of("1e+", "malformed JSON: a digit expected in the exponent at byte 4"),
                Arguments.of("-", "malformed JSON: a digit expected after '-' at byte 2"),
                Arguments.of("--1", "malformed JSON: a digit expected after '-' at byte 2"),
                Arguments.of("-a", "malformed JSON: a digit expected after '-' at byte 2"),
                Arguments.of("0x10", "malformed JSON: unexpected 'x', expected ',' or ']' at byte 2"),
                Arguments.of("1.5.3", "malformed JSON: unexpected '.', expected ',' or ']' at byte 4"),
                Arguments.of("1e2e3", "malformed JSON: unexpected 'e', expected ',' or ']' at byte 4"),
                Arguments.of("NaN", "malformed JSON: unexpected 'N', expected a value at byte 1"),
                Arguments.of("Infinity", "malformed JSON: unexpected 'I', expected a value at byte 1"),
                Arguments.of("-Infinity", "malformed JSON: a digit expected after '-' at byte 2"),
                Arguments.of("1E400", "number 1E400 is out of the double range"),
                Arguments.of("-1e400", "number -1e400 is out of the double range"),
                Arguments.of("1.7976931348623159e308", "number 1.7976931348623159e308 is out of the double range"),
                Arguments.of("18446744073709551616", "integer 18446744073709551616 is beyond 64 bits"),
                Arguments.of("-9223372036854775809", "integer -9223372036854775809 is beyond 64 bits"),
                Arguments.of("1".repeat(1000), "integer " + "1".repeat(1000) + " is beyond 64 bits"),
                Arguments.of("1".repeat(1001), "malformed JSON: a number of more than 1000 digits at byte 1"),
                Arguments.of("-0." + "1".repeat(1000), "malformed JSON: a number of more than 1000 digits at byte 1"),
                Arguments.of("1.1e-" + "0".repeat(999), "malformed JSON: a number of more than 1000 digits at byte 1"),
                Arguments.of("tru", "malformed JSON: unknown word (expected true) at byte 1"),
                Arguments.of("True", "malformed JSON: unexpected 'T', expected a value at byte 1"),
                Arguments.of("truex", "malformed JSON: unexpected 'x', expected ',' or ']' at byte 5"),
                Arguments.of("nul", "malformed JSON: unknown word (expected null) at byte 1"),
                Arguments.of("nulll", "malformed JSON: unexpected 'l', expected ',' or ']' at byte 5"),
                Arguments.of("fals", "malformed JSON: unknown word (expected false) at byte 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numberErrors")
    void refusesWhatRfc8259DoesNotCallANumberOrLiteral(String text, String message) {
        assertThat(error("[" + text + "]")).isEqualTo(message);
    }

    @Test
    void decodesThroughTheSerializer() throws WampDecodeException {
        byte[] frame = bytes(0xEF, 0xBB, 0xBF, "[16, 1, {}, \"t\", [\"\\u00e9\"]]");

        assertThat(Serializers.JSON.decode(frame))
                .isEqualTo(new io.natter.wamp.message.Publish(1, Map.of(), "t", List.of("é"), Map.of()));
    }

    // ---- helpers ----

    private static List<Object> read(String frame) {
        return read(frame.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Object> read(byte[] frame) {
        try {
            return JsonReader.readFrame(frame, ENCODING);
        } catch (WampDecodeException e) {
            throw new AssertionError("refused: " + e.getMessage(), e);
        }
    }

    /** The single value of a frame of one element. */
    private static Object value(String json) {
        return value(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Object value(byte[] json) {
        byte[] frame = new byte[json.length + 2];
        frame[0] = '[';
        System.arraycopy(json, 0, frame, 1, json.length);
        frame[frame.length - 1] = ']';
        List<Object> elements = read(frame);
        assertThat(elements).hasSize(1);
        return elements.get(0);
    }

    private static String error(String frame) {
        return error(frame.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(byte[] frame) {
        List<Object> read;
        try {
            read = JsonReader.readFrame(frame, ENCODING);
        } catch (WampDecodeException e) {
            return e.getMessage();
        }
        throw new AssertionError("read " + read);
    }
}
