package io.natter.wamp.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.natter.wamp.message.ReceivedArguments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonReader} against the Jackson-based decoding it replaced, kept here as the reference:
 * over seeded random documents and random mutations of them, both accept with equal values (and
 * equal argument offsets) or both refuse, for the same reason (see {@link #sameReason}). The one
 * intended difference: a frame Jackson read that is not UTF-8 (overlong forms) must be refused.
 */
class JsonReaderDifferentialTest {

    private static final int DOCUMENTS = 3000;
    private static final int MUTATIONS_PER_DOCUMENT = 6;
    private static final Object ENCODING = new Object();

    @Test
    void readsRandomDocumentsAsJacksonDid() {
        Random random = new Random(0xD1FF);
        Tally tally = new Tally();
        for (int i = 0; i < DOCUMENTS; i++) {
            compare(new Generator(random).frame(), tally);
        }
        // Most generated documents are valid; some are meant to fail (duplicate keys, bad Base64, ...).
        assertThat(tally.accepted).isGreaterThan(DOCUMENTS * 3 / 4);
        assertThat(tally.refused).isPositive();
    }

    @Test
    void readsMutatedDocumentsAsJacksonDid() {
        Random random = new Random(0xBADF00D);
        Tally tally = new Tally();
        for (int i = 0; i < DOCUMENTS; i++) {
            byte[] frame = new Generator(random).frame();
            for (int m = 0; m < MUTATIONS_PER_DOCUMENT; m++) {
                compare(mutate(frame, random), tally);
            }
        }
        assertThat(tally.accepted).isGreaterThan(DOCUMENTS / 4);
        assertThat(tally.refused).isGreaterThan(DOCUMENTS);
    }

    private static final class Tally {
        int accepted;
        int refused;
    }

    private static void compare(byte[] frame, Tally tally) {
        Object expected;
        String expectedError = null;
        try {
            expected = Reference.parse(frame);
            if (!isUtf8(frame)) {
                // The intended difference: Jackson read overlong UTF-8 in strings.
                expected = null;
                expectedError = "malformed JSON: not UTF-8";
            }
        } catch (WampDecodeException e) {
            expected = null;
            expectedError = e.getMessage();
        }
        Object actual;
        try {
            actual = JsonReader.readFrame(frame, ENCODING);
        } catch (WampDecodeException e) {
            if (expectedError == null) {
                fail("refused what Jackson read: %s%n  frame %s", e.getMessage(), show(frame));
            }
            tally.refused++;
            if (!sameReason(e.getMessage(), expectedError)) {
                fail("refused for %s, Jackson for %s: %s", e.getMessage(), expectedError, show(frame));
            }
            return;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("threw " + e + " for " + show(frame), e);
        }
        if (expectedError != null) {
            fail("read what Jackson refused (%s): %s", expectedError, show(frame));
        }
        assertSame(actual, expected, "$", frame);
        tally.accepted++;
    }

    private static boolean isUtf8(byte[] frame) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(frame));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Equal values of equal classes, byte[] by content, maps in order, arguments at equal offsets. */
    private static void assertSame(Object actual, Object expected, String path, byte[] frame) {
        if (expected == null || actual == null) {
            if (expected != actual) {
                fail("%s: %s, expected %s in %s", path, actual, expected, show(frame));
            }
            return;
        }
        if (actual.getClass() != expected.getClass() && !(actual instanceof List && expected instanceof List)
                && !(actual instanceof Map && expected instanceof Map)) {
            fail("%s: %s of %s, expected %s of %s in %s", path, actual, actual.getClass(), expected, expected.getClass(),
                    show(frame));
        }
        if (expected instanceof byte[] bytes) {
            if (!Arrays.equals((byte[]) actual, bytes)) {
                fail("%s: bytes differ in %s", path, show(frame));
            }
        } else if (expected instanceof List<?> list) {
            List<?> got = (List<?>) actual;
            assertThat(got).as(path + " size").hasSameSizeAs(list);
            assertThat(ReceivedArguments.raw(got, ENCODING)).as(path + " raw").isEqualTo(ReceivedArguments.raw(list, ENCODING));
            for (int i = 0; i < list.size(); i++) {
                assertSame(got.get(i), list.get(i), path + "[" + i + "]", frame);
            }
        } else if (expected instanceof Map<?, ?> map) {
            Map<?, ?> got = (Map<?, ?>) actual;
            assertThat(got).isInstanceOf(LinkedHashMap.class);
            assertThat(new ArrayList<>(got.keySet())).as(path + " keys").isEqualTo(new ArrayList<>(map.keySet()));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                assertSame(got.get(e.getKey()), e.getValue(), path + "." + e.getKey(), frame);
            }
        } else if (!actual.equals(expected)) {
            fail("%s: %s, expected %s in %s", path, actual, expected, show(frame));
        }
    }

    /**
     * Both messages name the same fault: equal, or both malformed JSON (whose details differ).
     * Two faults are named otherwise on purpose: an unpaired surrogate in a key (Jackson: malformed
     * JSON, here as in values) and a 4-byte sequence beyond U+10FFFF or overlong (Jackson read it as
     * a lone surrogate, here it is not UTF-8).
     */
    private static boolean sameReason(String actual, String expected) {
        if (actual.startsWith("string has an unpaired surrogate") && expected.contains("surrogate in field name")
                || actual.startsWith("string has an unpaired surrogate") && expected.contains("surrogate pair in field name")
                || actual.startsWith("malformed JSON: invalid UTF-8") && expected.startsWith("string has an unpaired surrogate")) {
            return true;
        }
        return reason(actual).equals(reason(expected));
    }

    private static String reason(String message) {
        return message.startsWith("malformed JSON: ") ? "malformed JSON" : message;
    }

    private static String show(byte[] frame) {
        StringBuilder b = new StringBuilder();
        for (byte x : frame) {
            b.append(x >= 0x20 && x < 0x7F ? String.valueOf((char) x) : String.format("{%02X}", x & 0xFF));
        }
        return b.toString();
    }

    /** Random documents: mostly valid WAMP-like frames, written with random spacing and escapes. */
    private static final class Generator {

        private static final String[] NUMBERS = {
            "0", "-0", "1", "-1", "127", "128", "-129", "2147483647", "2147483648", "-2147483648", "-2147483649",
            "4294967296", "9007199254740992", "9007199254740993", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
            "99999999999999999999999", "-0.0", "0.0", "1.0", "1e2", "1E2", "1e+2", "1e-2", "1.5E+3", "-1.25e-7",
            "1E400", "-1e400", "1e-400", "4.9e-324", "2e-324", "1.7976931348623157e308", "1.7976931348623159e308",
            "0.1", "123456789012345678901234567890.5", "0e0", "-0e-0", "100000000000000000000e-20"};
        private static final String[] WHITESPACE = {"", "", "", " ", "  ", "\n", "\t", "\r\n", " \n\t "};
        private static final int[] CHARS = {
            'a', 'b', 'z', 'A', '0', ' ', '.', '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', 0, 1, 0x1f, 0x7f, 0x80,
            0xe9, 0xff, 0x100, 0x7ff, 0x800, 0x65e5, 0xfeff, 0xfffd, 0xffff, 0x1f600, 0x10000, 0x10ffff};

        private final Random random;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Generator(Random random) {
            this.random = random;
        }

        byte[] frame() {
            if (random.nextInt(50) == 0) {
                out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            space();
            out.write('[');
            space();
            text(NUMBERS[random.nextInt(5)]);
            int elements = random.nextInt(7);
            for (int i = 0; i < elements; i++) {
                space();
                out.write(',');
                space();
                value(2);
            }
            space();
            out.write(']');
            space();
            return out.toByteArray();
        }

        private void value(int depth) {
            int kind = random.nextInt(depth > 6 ? 6 : 9);
            if (random.nextInt(400) == 0) {
                deep(depth);
                return;
            }
            switch (kind) {
                case 0 -> text(NUMBERS[random.nextInt(NUMBERS.length)]);
                case 1 -> text(Long.toString(random.nextLong() >> random.nextInt(64)));
                case 2 -> {
                    double d = Double.longBitsToDouble(random.nextLong());
                    text(Double.isFinite(d) ? Double.toString(d) : "1.5");
                }
                case 3 -> text(new String[] {"true", "false", "null"}[random.nextInt(3)]);
                case 4, 5 -> {
                    if (random.nextInt(10) == 0) {
                        binary();
                    } else {
                        string(random.nextInt(4) == 0 ? 40 : 8);
                    }
                }
                case 6 -> string(2);
                case 7 -> array(depth);
                default -> dict(depth);
            }
        }

        /** Arrays and dicts nested to around the depth limit (100). */
        private void deep(int depth) {
            boolean[] dicts = new boolean[95 - depth + random.nextInt(10)];
            for (int i = 0; i < dicts.length; i++) {
                dicts[i] = random.nextBoolean();
                text(dicts[i] ? "{\"k\":" : "[");
            }
            text("1");
            for (int i = dicts.length - 1; i >= 0; i--) {
                out.write(dicts[i] ? '}' : ']');
            }
        }

        private void array(int depth) {
            out.write('[');
            int n = random.nextInt(5);
            for (int i = 0; i < n; i++) {
                space();
                if (i > 0) {
                    out.write(',');
                    space();
                }
                value(depth + 1);
            }
            space();
            out.write(']');
        }

        private void dict(int depth) {
            out.write('{');
            int n = random.nextInt(5);
            boolean duplicates = random.nextInt(20) == 0;
            for (int i = 0; i < n; i++) {
                space();
                if (i > 0) {
                    out.write(',');
                    space();
                }
                if (duplicates) {
                    text("\"k" + random.nextInt(2) + "\"");
                } else {
                    string(random.nextInt(3) == 0 ? 6 : 3);
                }
                space();
                out.write(':');
                space();
                value(depth + 1);
            }
            space();
            out.write('}');
        }

        private void binary() {
            byte[] bytes = new byte[random.nextInt(12)];
            random.nextBytes(bytes);
            String base64 = Base64.getEncoder().encodeToString(bytes);
            if (random.nextInt(3) == 0) {
                base64 = base64.replace("=", "");
            }
            if (random.nextInt(10) == 0) {
                base64 = base64 + "!";
            }
            text("\"\\u0000" + base64 + "\"");
        }

        /** A string of up to {@code max} random chars, each escaped or not at random. */
        private void string(int max) {
            out.write('"');
            int n = random.nextInt(max + 1);
            for (int i = 0; i < n; i++) {
                int c = random.nextInt(3) == 0 ? CHARS[random.nextInt(CHARS.length)] : 'a' + random.nextInt(26);
                if (random.nextInt(300) == 0) {
                    c = 0xd800 + random.nextInt(0x800); // a lone surrogate, only as an escape
                }
                character(c);
            }
            out.write('"');
        }

        private void character(int c) {
            boolean mustEscape = c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate((char) c) && c < 0x10000;
            if (!mustEscape && random.nextInt(4) != 0) {
                out.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                return;
            }
            String shortForm = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '/' -> "\\/";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> null;
            };
            if (shortForm != null && random.nextBoolean()) {
                text(shortForm);
                return;
            }
            for (char unit : Character.toChars(c)) {
                String hex = String.format("%04x", (int) unit);
                text("\\u" + (random.nextBoolean() ? hex : hex.toUpperCase()));
            }
        }

        private void space() {
            text(WHITESPACE[random.nextInt(WHITESPACE.length)]);
        }

        private void text(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final byte[] INTERESTING = {
        '[', ']', '{', '}', '"', '\\', ',', ':', '-', '.', 'e', '0', '9', 'u', ' ', 0, 0x1f, 0x7f,
        (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC1, (byte) 0xC3, (byte) 0xE0, (byte) 0xED, (byte) 0xEF,
        (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF};

    /** A mutation as {@link DecodeFuzzTest}'s, the bytes put in drawn half the time from {@link #INTERESTING}. */
    private static byte[] mutate(byte[] frame, Random random) {
        return DecodeFuzzTest.mutate(frame, random,
                r -> r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : r.nextInt(256));
    }

    /** The Jackson-based decoding JsonSerializer used before JsonReader, with its parser settings. */
    private static final class Reference {

        private static final BigInteger MIN_INTEGER = BigInteger.valueOf(Long.MIN_VALUE);
        private static final BigInteger MAX_INTEGER = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        private static final JsonFactory FACTORY = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Serializers.MAX_DEPTH + 1).build())
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build();

        static Object parse(byte[] frame) throws WampDecodeException {
            for (int i = 0; i < Math.min(4, frame.length); i++) {
                if (frame[i] == 0) {
                    throw new WampDecodeException("frame is not UTF-8 JSON text");
                }
            }
            try (JsonParser parser = FACTORY.createParser(frame)) {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw new WampDecodeException("frame is empty");
                }
                if (first != JsonToken.START_ARRAY) {
                    throw new WampDecodeException("frame must be a JSON array");
                }
                Object value = readFrame(parser, frame);
                if (parser.nextToken() != null) {
                    throw new WampDecodeException("frame has data after the message array");
                }
                return value;
            } catch (JsonProcessingException e) {
                throw new WampDecodeException("malformed JSON: " + e.getOriginalMessage(), e);
            } catch (IOException | RuntimeException e) {
                throw new WampDecodeException("malformed JSON: " + e, e);
            }
        }

        @SuppressWarnings("unchecked")
        private static List<Object> readFrame(JsonParser parser, byte[] frame) throws IOException, WampDecodeException {
            List<Object> elements = new ArrayList<>();
            for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                if (next != JsonToken.START_ARRAY) {
                    elements.add(readValue(parser, next, 2));
                    continue;
                }
                long start = parser.currentTokenLocation().getByteOffset();
                List<Object> list = (List<Object>) readValue(parser, next, 2);
                long end = parser.currentLocation().getByteOffset();
                elements.add(ReceivedArguments.of(list, ENCODING, new ReceivedArguments.Raw(frame, (int) start, (int) (end - start))));
            }
            return elements;
        }

        private static Object readValue(JsonParser parser, JsonToken token, int depth) throws IOException, WampDecodeException {
            if (token == null) {
                throw new WampDecodeException("malformed JSON: unexpected end of input");
            }
            switch (token) {
                case START_ARRAY:
                    Serializers.checkDepth(depth);
                    List<Object> list = new ArrayList<>();
                    for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                        list.add(readValue(parser, next, depth + 1));
                    }
                    return list;
                case START_OBJECT:
                    Serializers.checkDepth(depth);
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (JsonToken next = parser.nextToken(); next == JsonToken.FIELD_NAME; next = parser.nextToken()) {
                        String key = checkText(parser.currentName());
                        int size = map.size();
                        map.put(key, readValue(parser, parser.nextToken(), depth + 1));
                        if (map.size() == size) {
                            throw new WampDecodeException("dict has key \"" + key + "\" twice");
                        }
                    }
                    return map;
                case VALUE_STRING:
                    return string(parser.getText());
                case VALUE_NUMBER_INT:
                    return integer(parser);
                case VALUE_NUMBER_FLOAT:
                    double d = parser.getDoubleValue();
                    if (!Double.isFinite(d)) {
                        throw new WampDecodeException("number " + parser.getText() + " is out of the double range");
                    }
                    return d;
                case VALUE_TRUE:
                    return Boolean.TRUE;
                case VALUE_FALSE:
                    return Boolean.FALSE;
                case VALUE_NULL:
                    return null;
                default:
                    throw new WampDecodeException("unexpected JSON token " + token);
            }
        }

        private static Object integer(JsonParser parser) throws IOException, WampDecodeException {
            switch (parser.getNumberType()) {
                case INT:
                    return parser.getIntValue();
                case LONG:
                    return parser.getLongValue();
                default:
                    BigInteger big = parser.getBigIntegerValue();
                    if (big.compareTo(MIN_INTEGER) < 0 || big.compareTo(MAX_INTEGER) > 0) {
                        throw new WampDecodeException("integer " + big + " is beyond 64 bits");
                    }
                    return big;
            }
        }

        private static Object string(String text) throws WampDecodeException {
            if (text.isEmpty() || text.charAt(0) != '\u0000') {
                return checkText(text);
            }
            try {
                return Base64.getDecoder().decode(text.substring(1));
            } catch (IllegalArgumentException e) {
                throw new WampDecodeException("binary string is not valid Base64: " + e.getMessage(), e);
            }
        }

        private static String checkText(String text) throws WampDecodeException {
            for (int i = 0, n = text.length(); i < n; i++) {
                char c = text.charAt(i);
                if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                        i++;
                    } else {
                        throw new WampDecodeException("string has an unpaired surrogate at index " + i);
                    }
                }
            }
            return text;
        }
    }
}
