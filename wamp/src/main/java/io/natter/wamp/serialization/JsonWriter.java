package io.natter.wamp.serialization;

import io.natter.wamp.message.Message;
import io.natter.wamp.message.ReceivedArguments;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

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
 * <p>One instance writes one message; {@link #write} gives the text as a new array. Each thread
 * writes into its own recycled buffer, so a message costs one array of its exact size; an
 * encoding nested inside another on the same thread, which nothing does today, gets a buffer of
 * its own.
 */
final class JsonWriter extends ValueWriter {

    /** What {@link ReceivedArguments} records JSON text as. */
    static final Object ENCODING = new Object();

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    /** A thread's buffer is given back to the garbage collector if a message grew it past this. */
    private static final int KEEP_AT_MOST = 64 * 1024;

    /** A thread's buffer and whether a writer is using it. */
    private static final class Scratch {
        byte[] bytes = new byte[1024];
        boolean busy;
    }

    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    private byte[] out;
    private int length;
    // Whether the next value or key follows a sibling (and so a comma).
    private boolean sibling;

    private JsonWriter(byte[] out) {
        this.out = out;
    }

    /** The JSON text of {@code message}. */
    static byte[] write(Message message) throws IOException {
        Scratch scratch = SCRATCH.get();
        boolean reuse = !scratch.busy;
        JsonWriter writer = new JsonWriter(reuse ? scratch.bytes : new byte[1024]);
        if (reuse) {
            scratch.busy = true;
        }
        try {
            MessageWriter.write(message, writer);
            return Arrays.copyOf(writer.out, writer.length);
        } finally {
            if (reuse) {
                scratch.bytes = writer.out.length <= KEEP_AT_MOST ? writer.out : new byte[1024];
                scratch.busy = false;
            }
        }
    }

    @Override
    void writeNull() {
        value();
        append(NULL);
    }

    @Override
    void writeBoolean(boolean value) {
        value();
        append(value ? TRUE : FALSE);
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
        System.arraycopy(base64, 0, out, length, base64.length);
        length += base64.length;
        out[length++] = '"';
    }

    @Override
    void writeArguments(List<?> args, int depth) throws IOException {
        ReceivedArguments.Raw raw = ReceivedArguments.raw(args, ENCODING);
        if (raw == null) {
            writeList(args, depth);
            return;
        }
        value();
        ensure(raw.length());
        System.arraycopy(raw.frame(), raw.offset(), out, length, raw.length());
        length += raw.length();
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
            } else if (c < 0x800) {
                b[at++] = (byte) (0xc0 | (c >> 6));
                b[at++] = (byte) (0x80 | (c & 0x3f));
            } else if (!Character.isSurrogate(c)) {
                b[at++] = (byte) (0xe0 | (c >> 12));
                b[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[at++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[at++] = (byte) (0xf0 | (cp >> 18));
                b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                b[at++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                at = hexEscape(b, at, c);
            }
        }
        b[at++] = '"';
        length = at;
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

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int more) {
        if (length + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
        }
    }
}
