package io.natter.wamp.serialization;

import io.natter.wamp.message.Message;
import io.natter.wamp.message.ReceivedArguments;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes JSON text straight into a byte array: the JSON primitives of the shared value writer.
 *
 * <p>It replaced a Jackson generator, which for every message built a generator, its I/O context
 * and a write context per nesting level: JMH {@code encode} of a 64-byte JSON EVENT took twice
 * as long as MessagePack's. The text is the same as Jackson wrote it (a test compares them): no
 * spaces; strings escape {@code "}, {@code \} and control characters ({@code \b \t \n \f \r},
 * others as {@code \}{@code u00XX}), every other character is UTF-8, a surrogate pair as one
 * 4-byte character and an unpaired surrogate (which only Java code can make: decoding refuses
 * them) as a {@code \}{@code uXXXX} escape; doubles as {@link Double#toString(double)}, and those
 * JSON cannot hold as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 *
 * <p>One instance writes one message; {@link #write} gives the text as a new array (see
 * {@link ByteArrayWriter}).
 */
final class JsonWriter extends ByteArrayWriter {

    /** What {@link ReceivedArguments} records JSON text as. */
    static final Object ENCODING = new Object();

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final long QUESTION_MARKS = 0x3F3F_3F3F_3F3F_3F3FL;
    /** Strings of this many chars and more are tried as plain text first; see {@link #plain}. */
    private static final int PLAIN_FROM = 64;

    // Whether the next value or key follows a sibling (and so a comma).
    private boolean sibling;

    private JsonWriter(byte[] out) {
        super(out, ENCODING);
    }

    /** The JSON text of {@code message}. */
    static byte[] write(Message message) throws IOException {
        return write(message, JsonWriter::new);
    }

    @Override
    void writeNull() {
        value();
        append(NULL, 0, NULL.length);
    }

    @Override
    void writeBoolean(boolean value) {
        value();
        byte[] text = value ? TRUE : FALSE;
        append(text, 0, text.length);
    }

    @Override
    void writeLong(long value) {
        value();
        if (value == Long.MIN_VALUE) {
            appendAscii(Long.toString(value));
            return;
        }
        ensure(20);
        if (value < 0) {
            out[length++] = '-';
            value = -value;
        }
        int digits = digits(value);
        int end = length + digits;
        for (int i = end - 1; i >= length; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
    }

    private static int digits(long positive) {
        int digits = 1;
        for (long bound = 10; digits < 19 && positive >= bound; bound *= 10) {
            digits++;
        }
        return digits;
    }

    @Override
    void writeBigInteger(BigInteger value) {
        value();
        appendAscii(value.toString());
    }

    @Override
    void writeDouble(double value) {
        value();
        if (Double.isFinite(value)) {
            appendAscii(Double.toString(value));
        } else {
            // JSON has no such numbers: the strings "NaN", "Infinity", "-Infinity", as Jackson wrote.
            string(Double.toString(value));
        }
    }

    @Override
    void writeString(String value) {
        value();
        string(value);
    }

    @Override
    void writeBinary(byte[] value) {
        value();
        byte[] base64 = Base64.getEncoder().encode(value);
        ensure(base64.length + 8);
        out[length++] = '"';
        out[length++] = '\\';
        out[length++] = 'u';
        out[length++] = '0';
        out[length++] = '0';
        out[length++] = '0';
        out[length++] = '0';
        append(base64, 0, base64.length);
        out[length++] = '"';
    }

    @Override
    void startArray(int size) {
        value();
        ensure(1);
        out[length++] = '[';
        sibling = false;
    }

    @Override
    void endArray() {
        ensure(1);
        out[length++] = ']';
        sibling = true;
    }

    @Override
    void startMap(int size) {
        value();
        ensure(1);
        out[length++] = '{';
        sibling = false;
    }

    @Override
    void writeKey(String key) {
        value();
        string(key);
        ensure(1);
        out[length++] = ':';
        sibling = false;
    }

    @Override
    void endMap() {
        ensure(1);
        out[length++] = '}';
        sibling = true;
    }

    @Override
    void beforeValue() {
        value();
    }

    // A value (or key) begins: a comma if it follows a sibling; whatever comes next follows it.
    private void value() {
        if (sibling) {
            ensure(1);
            out[length++] = ',';
        }
        sibling = true;
    }

    private void string(String s) {
        int n = s.length();
        if (n >= PLAIN_FROM && plain(s)) {
            return;
        }
        // At most 6 bytes per char (an escape); a surrogate pair is 4 bytes for 2 chars.
        ensure(6 * n + 2);
        byte[] b = out;
        int at = length;
        b[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[at++] = (byte) c;
                } else {
                    at = escape(b, at, c);
                }
            } else {
                int end = utf8Char(s, i, b, at);
                if (end < 0) {
                    at = hexEscape(b, at, c);
                } else {
                    i += end - at == 4 ? 1 : 0; // a surrogate pair: two chars
                    at = end;
                }
            }
        }
        b[at++] = '"';
        length = at;
    }

    /**
     * Writes {@code s} if it is plain text: ASCII with nothing to escape. {@link String#getBytes}
     * copies such text at memory speed where the char loop of {@link #string} took about 1 ns a
     * char; the bytes are then checked for what JSON escapes, and for {@code ?}, which is also
     * what {@code getBytes} makes of an unpaired surrogate. False, having written nothing, if not.
     */
    private boolean plain(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        if (n != s.length()) {
            return false; // not ASCII
        }
        // 8 bytes at a time (byte by byte, a 1 KiB string still took 0.9 µs); a byte that is 0
        // after the XOR with '?' borrows when 1 is taken from it, as in JsonReader.endsPlainRun.
        int i = 0;
        for (; i <= n - Long.BYTES; i += Long.BYTES) {
            long word = (long) JsonReader.LONGS.get(bytes, i);
            if (JsonReader.endsPlainRun(word) || ((word ^ QUESTION_MARKS) - JsonReader.ONES & JsonReader.TOP_BITS) != 0) {
                return false;
            }
        }
        for (; i < n; i++) {
            byte x = bytes[i];
            if (x < 0x20 || x == '"' || x == '\\' || x == '?') {
                return false;
            }
        }
        ensure(bytes.length + 2);
        out[length++] = '"';
        append(bytes, 0, bytes.length);
        out[length++] = '"';
        return true;
    }

    private static int escape(byte[] b, int at, char c) {
        char shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
        if (shortForm == 0) {
            return hexEscape(b, at, c);
        }
        b[at++] = '\\';
        b[at++] = (byte) shortForm;
        return at;
    }

    private static int hexEscape(byte[] b, int at, char c) {
        b[at++] = '\\';
        b[at++] = 'u';
        b[at++] = HEX[(c >> 12) & 0xf];
        b[at++] = HEX[(c >> 8) & 0xf];
        b[at++] = HEX[(c >> 4) & 0xf];
        b[at++] = HEX[c & 0xf];
        return at;
    }

    private void appendAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            out[length++] = (byte) s.charAt(i);
        }
    }


}
