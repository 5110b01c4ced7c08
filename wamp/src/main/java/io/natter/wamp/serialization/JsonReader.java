package io.natter.wamp.serialization;

import io.natter.wamp.message.ReceivedArguments;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one {@code wamp.2.json} frame into the value model of {@link Serializers}: a
 * recursive-descent parser of RFC 8259 JSON over the frame's bytes, which must be UTF-8.
 *
 * <p>It accepts and refuses what the Jackson parser it replaced did, limits included (the
 * defaults of Jackson's {@code StreamReadConstraints} for strings, keys and numbers), with one
 * exception: Jackson took overlong UTF-8 (such as {@code C0 80} for U+0000, which then read as
 * the binary prefix); this reader refuses every byte sequence that is not UTF-8.
 *
 * <p>One instance reads one frame on one thread. Every error is a {@link WampDecodeException};
 * malformed text is reported as {@code "malformed JSON: <what> at byte <offset>"}. Recursion
 * stops at {@link Serializers#MAX_DEPTH}, long before the stack would.
 */
final class JsonReader {

    /** Jackson's default {@code maxStringLength}, in UTF-16 chars. */
    private static final int MAX_STRING_CHARS = 20_000_000;
    /** Jackson's default {@code maxNameLength}, in UTF-8 bytes of the decoded key. */
    private static final int MAX_KEY_BYTES = 50_000;
    /** Jackson's default {@code maxNumberLength}: digits of the integer, fraction and exponent. */
    private static final int MAX_NUMBER_DIGITS = 1000;
    private static final BigInteger MAX_INTEGER = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /** 8 bytes of a byte array as one long, and the masks of its bytes (also JsonWriter's). */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final long ONES = 0x0101_0101_0101_0101L;
    static final long TOP_BITS = 0x8080_8080_8080_8080L;
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final byte[] in;
    private final Object encoding;
    /** The next byte to read. */
    private int pos;
    /** Where strings with escapes or non-ASCII characters are decoded; grown on demand. */
    private char[] chars;

    private JsonReader(byte[] in, Object encoding) {
        this.in = in;
        this.encoding = encoding;
    }

    /**
     * The frame's array as a list; its elements that are arrays (in WAMP only arguments lists)
     * come as {@link ReceivedArguments} of {@code encoding} that keep where their text lies.
     */
    static List<Object> readFrame(byte[] frame, Object encoding) throws WampDecodeException {
        // A NUL in the first bytes is how UTF-16 and UTF-32 text start; WAMP text is UTF-8 only.
        for (int i = 0; i < Math.min(4, frame.length); i++) {
            if (frame[i] == 0) {
                throw new WampDecodeException("frame is not UTF-8 JSON text");
            }
        }
        return new JsonReader(frame, encoding).frame();
    }

    private List<Object> frame() throws WampDecodeException {
        // Jackson skipped a UTF-8 byte order mark, but only where it could look at 4 bytes.
        if (in.length >= 4 && in[0] == (byte) 0xEF && in[1] == (byte) 0xBB && in[2] == (byte) 0xBF) {
            pos = 3;
        }
        int c = skipWhitespace();
        if (c < 0) {
            throw new WampDecodeException("frame is empty");
        }
        if (c != '[') {
            throw stray(c, "frame must be a JSON array");
        }
        pos++;
        List<Object> elements = frameElements();
        c = skipWhitespace();
        if (c >= 0) {
            throw stray(c, "frame has data after the message array");
        }
        return elements;
    }

    /** The frame array's elements, its '[' read. */
    private List<Object> frameElements() throws WampDecodeException {
        List<Object> elements = new ArrayList<>();
        int c = skipWhitespace();
        if (c == ']') {
            pos++;
            return elements;
        }
        while (true) {
            if (c == '[') {
                int start = pos;
                pos++;
                List<Object> list = array(2);
                elements.add(ReceivedArguments.of(list, encoding, new ReceivedArguments.Raw(in, start, pos - start)));
            } else {
                elements.add(value(2));
            }
            c = skipWhitespace();
            if (c == ']') {
                pos++;
                return elements;
            }
            if (c != ',') {
                throw unexpected(c, "',' or ']'");
            }
            pos++;
            c = skipWhitespace();
        }
    }

    /**
     * The error for a value where {@code message} says none may be. As Jackson did, a value whose
     * first token reads well gets {@code message} and one that does not is malformed.
     */
    private WampDecodeException stray(int c, String message) throws WampDecodeException {
        if (c == '-' || isDigit(c)) {
            int end = scanNumber();
            // Jackson wanted whitespace or the end after a number outside any array.
            if (end < in.length && in[end] != ' ' && in[end] != '\n' && in[end] != '\r' && in[end] != '\t') {
                throw unexpected(in[end] & 0xFF, "whitespace after a number outside the frame array", end);
            }
        } else if (c != '[' && c != '{' && c != '"') {
            value(Serializers.MAX_DEPTH); // a literal, or the malformed JSON it throws for
        }
        return new WampDecodeException(message);
    }

    /** The value at the next non-whitespace byte; containers opened here sit at {@code depth}. */
    private Object value(int depth) throws WampDecodeException {
        int c = skipWhitespace();
        switch (c) {
            case '[':
                pos++;
                return array(depth);
            case '{':
                pos++;
                return object(depth);
            case '"':
                pos++;
                return stringValue();
            case 't':
                return literal(TRUE, Boolean.TRUE);
            case 'f':
                return literal(FALSE, Boolean.FALSE);
            case 'n':
                return literal(NULL, null);
            default:
                if (c == '-' || isDigit(c)) {
                    return number();
                }
                throw unexpected(c, "a value");
        }
    }

    /** An array's elements, its '[' read. */
    private List<Object> array(int depth) throws WampDecodeException {
        Serializers.checkDepth(depth);
        List<Object> list = new ArrayList<>();
        int c = skipWhitespace();
        if (c == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth + 1));
            c = skipWhitespace();
            if (c == ']') {
                pos++;
                return list;
            }
            if (c != ',') {
                throw unexpected(c, "',' or ']'");
            }
            pos++;
        }
    }

    /** An object's members in document order, its '{' read. */
    private Map<String, Object> object(int depth) throws WampDecodeException {
        Serializers.checkDepth(depth);
        Map<String, Object> map = new LinkedHashMap<>();
        int c = skipWhitespace();
        if (c == '}') {
            pos++;
            return map;
        }
        while (true) {
            if (c != '"') {
                throw unexpected(c, "a key in double quotes");
            }
            pos++;
            String key = text(true);
            c = skipWhitespace();
            if (c != ':') {
                throw unexpected(c, "':'");
            }
            pos++;
            int size = map.size();
            map.put(key, value(depth + 1));
            if (map.size() == size) {
                throw new WampDecodeException("dict has key \"" + key + "\" twice");
            }
            c = skipWhitespace();
            if (c == '}') {
                pos++;
                return map;
            }
            if (c != ',') {
                throw unexpected(c, "',' or '}'");
            }
            pos++;
            c = skipWhitespace();
        }
    }

    /** A string value, its opening quote read: text, or bytes under the binary convention. */
    private Object stringValue() throws WampDecodeException {
        String text = text(false);
        if (text.isEmpty() || text.charAt(0) != JsonSerializer.BINARY_PREFIX) {
            return text;
        }
        try {
            return Base64.getDecoder().decode(text.substring(1));
        } catch (IllegalArgumentException e) {
            throw new WampDecodeException("binary string is not valid Base64: " + e.getMessage(), e);
        }
    }

    /**
     * A string's text, its opening quote read; leaves {@code pos} after the closing quote. Plain
     * ASCII, the common case, becomes a String straight from the frame's bytes.
     */
    private String text(boolean key) throws WampDecodeException {
        byte[] in = this.in;
        int start = pos;
        int i = start;
        // 8 bytes at a time to the first word with a byte that ends the plain run, then byte by
        // byte to that byte (byte by byte all the way, a PUBLISH of 1 KiB decoded in 655 ns, not 287).
        while (i <= in.length - Long.BYTES && !endsPlainRun((long) LONGS.get(in, i))) {
            i += Long.BYTES;
        }
        for (; i < in.length; i++) {
            byte b = in[i];
            if (b == '"') {
                pos = i + 1;
                checkLength(key, i - start, i - start, start);
                return new String(in, start, i - start, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\' || b < 0x20) { // bytes are signed: this takes non-ASCII too
                return decodedText(key, start, i);
            }
        }
        throw malformed("unterminated string", start - 1);
    }

    /**
     * Whether one of the 8 bytes of {@code word} is a quote, a backslash, below 0x20 or above 0x7F.
     * A byte that is 0 after the XOR with a quote or backslash, or below 0x20, borrows when 1 or
     * 0x20 is taken from it and so sets its top bit; a borrow runs on into higher bytes only from
     * such a byte, so it cannot make a word of plain bytes look otherwise. Bytes above 0x7F have
     * their top bit set already.
     */
    static boolean endsPlainRun(long word) {
        long quotes = word ^ 0x2222_2222_2222_2222L;
        long backslashes = word ^ 0x5C5C_5C5C_5C5C_5C5CL;
        return ((quotes - ONES | backslashes - ONES | word - 0x2020_2020_2020_2020L | word) & TOP_BITS) != 0;
    }

    /** {@link #text} from {@code i}, the first escape or non-ASCII byte; ASCII before it. */
    private String decodedText(boolean key, int start, int i) throws WampDecodeException {
        byte[] in = this.in;
        char[] out = chars(2 * (i - start) + 16);
        int n = 0;
        while (n < i - start) {
            out[n] = (char) in[start + n];
            n++;
        }
        boolean escapedSurrogate = false;
        while (true) {
            if (i >= in.length) {
                throw malformed("unterminated string", start - 1);
            }
            if (out.length - n < 2) {
                out = chars(2 * out.length);
            }
            int b = in[i];
            if (b == '"') {
                break;
            }
            if (b == '\\') {
                if (i + 1 >= in.length) {
                    throw malformed("unterminated string", start - 1);
                }
                char c = escape(i);
                escapedSurrogate |= Character.isSurrogate(c);
                out[n++] = c;
                i += in[i + 1] == 'u' ? 6 : 2;
            } else if (b >= 0x20) {
                out[n++] = (char) b;
                i++;
            } else if (b >= 0) {
                throw malformed(String.format("unescaped control character 0x%02x in a string", b), i);
            } else {
                int cp = codePoint(i);
                i += cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (cp < 0x10000) {
                    out[n++] = (char) cp;
                } else {
                    out[n++] = Character.highSurrogate(cp);
                    out[n++] = Character.lowSurrogate(cp);
                }
            }
        }
        // Only escapes spell surrogates; binary strings get the Base64 check instead (as before).
        if (escapedSurrogate && (key || out[0] != JsonSerializer.BINARY_PREFIX)) {
            checkSurrogates(out, n);
        }
        checkLength(key, n, key ? utf8Length(out, n) : n, start);
        pos = i + 1;
        return new String(out, 0, n);
    }

    /** The char of the escape at {@code i} (its backslash, not the frame's last byte). */
    private char escape(int i) throws WampDecodeException {
        switch (in[i + 1]) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                int c = 0;
                for (int k = i + 2; k < i + 6; k++) {
                    int digit = k < in.length ? Character.digit(in[k], 16) : -1;
                    if (digit < 0) {
                        throw malformed("\\u not followed by 4 hex digits", i);
                    }
                    c = c << 4 | digit;
                }
                return (char) c;
            default:
                throw malformed("unknown escape " + describe(in[i + 1] & 0xFF) + " after '\\'", i);
        }
    }

    /**
     * The code point of the UTF-8 sequence of 2 to 4 bytes at {@code i}. Overlong forms, encoded
     * surrogates and code points beyond U+10FFFF are not UTF-8 and are refused.
     */
    private int codePoint(int i) throws WampDecodeException {
        int b = in[i] & 0xFF;
        int length;
        int min;
        int max = 0xBF; // the range of the second byte; later ones are 80..BF
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
            min = 0x80;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            min = b == 0xE0 ? 0xA0 : 0x80;
            max = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            min = b == 0xF0 ? 0x90 : 0x80;
            max = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            throw malformed("invalid UTF-8 byte " + hex(b), i);
        }
        int cp = b & (0x7F >> length);
        for (int k = 1; k < length; k++) {
            int next = i + k < in.length ? in[i + k] & 0xFF : -1;
            if (next < min || next > max) {
                throw malformed("invalid UTF-8 sequence", i);
            }
            cp = cp << 6 | next & 0x3F;
            min = 0x80;
            max = 0xBF;
        }
        return cp;
    }

    private void checkLength(boolean key, int chars, int bytes, int start) throws WampDecodeException {
        if (key ? bytes > MAX_KEY_BYTES : chars > MAX_STRING_CHARS) {
            throw malformed(key ? "a key of more than " + MAX_KEY_BYTES + " bytes"
                    : "a string of more than " + MAX_STRING_CHARS + " characters", start - 1);
        }
    }

    /** UTF-8 length of the chars, a surrogate counting half of its pair's 4 bytes. */
    private static int utf8Length(char[] chars, int n) {
        int length = 0;
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            length += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return length;
    }

    /** JSON's \\u escapes can spell unpaired surrogates, which no UTF-8 peer could receive. */
    private static void checkSurrogates(char[] chars, int n) throws WampDecodeException {
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])) {
                    i++;
                } else {
                    throw new WampDecodeException("string has an unpaired surrogate at index " + i);
                }
            }
        }
    }

    /** The decode buffer, at least {@code capacity} long, keeping what it holds. */
    private char[] chars(int capacity) {
        if (chars == null) {
            chars = new char[capacity];
        } else if (chars.length < capacity) {
            chars = Arrays.copyOf(chars, capacity);
        }
        return chars;
    }

    /** A number at {@code pos}: Integer, Long or BigInteger when integral, else Double. */
    private Object number() throws WampDecodeException {
        int start = pos;
        int end = scanNumber();
        pos = end;
        boolean negative = in[start] == '-';
        int digits = negative ? start + 1 : start;
        long value = 0;
        int i = digits;
        while (i < end && isDigit(in[i])) {
            value = value * 10 + (in[i] - '0');
            i++;
        }
        if (i < end) {
            return decimal(start, end);
        }
        if (i - digits <= 18) { // 10^18 < 2^63: no overflow
            value = negative ? -value : value;
            if (value == (int) value) {
                return Integer.valueOf((int) value);
            }
            return Long.valueOf(value);
        }
        BigInteger big = new BigInteger(new String(in, start, end - start, StandardCharsets.ISO_8859_1));
        if (big.bitLength() < 64) {
            return Long.valueOf(big.longValue());
        }
        // MessagePack holds no more; refusing here keeps every decoded value forwardable.
        if (big.signum() < 0 || big.compareTo(MAX_INTEGER) > 0) {
            throw new WampDecodeException("integer " + big + " is beyond 64 bits");
        }
        return big;
    }

    private Double decimal(int start, int end) throws WampDecodeException {
        String text = new String(in, start, end - start, StandardCharsets.ISO_8859_1);
        double d = Double.parseDouble(text); // exact rounding; the grammar is checked already
        if (!Double.isFinite(d)) {
            throw new WampDecodeException("number " + text + " is out of the double range");
        }
        return d;
    }

    /**
     * Checks the number at {@code pos} against RFC 8259's grammar and returns its end: an optional
     * minus, an integer without leading zeros, an optional fraction and an optional exponent.
     */
    private int scanNumber() throws WampDecodeException {
        int i = pos;
        if (in[i] == '-') {
            i++;
        }
        if (i >= in.length || !isDigit(in[i])) {
            throw malformed("a digit expected after '-'", i);
        }
        int digits;
        if (in[i] == '0') {
            i++;
            if (i < in.length && isDigit(in[i])) {
                throw malformed("a number with a leading zero", pos);
            }
            digits = 1;
        } else {
            int from = i;
            i = skipDigits(i);
            digits = i - from;
        }
        if (i < in.length && in[i] == '.') {
            int from = ++i;
            i = skipDigits(i);
            if (i == from) {
                throw malformed("a digit expected after the decimal point", i);
            }
            digits += i - from;
        }
        if (i < in.length && (in[i] == 'e' || in[i] == 'E')) {
            i++;
            if (i < in.length && (in[i] == '+' || in[i] == '-')) {
                i++;
            }
            int from = i;
            i = skipDigits(i);
            if (i == from) {
                throw malformed("a digit expected in the exponent", i);
            }
            digits += i - from;
        }
        if (digits > MAX_NUMBER_DIGITS) {
            throw malformed("a number of more than " + MAX_NUMBER_DIGITS + " digits", pos);
        }
        return i;
    }

    private int skipDigits(int i) {
        while (i < in.length && isDigit(in[i])) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(byte[] word, Object value) throws WampDecodeException {
        int end = pos + word.length;
        if (end > in.length || !Arrays.equals(in, pos, end, word, 0, word.length)) {
            throw malformed("unknown word (expected " + new String(word, StandardCharsets.US_ASCII) + ")", pos);
        }
        pos = end;
        return value;
    }

    /** Skips JSON whitespace (space, tab, LF, CR); returns the next byte (0-255), or -1 at the end. */
    private int skipWhitespace() {
        byte[] in = this.in;
        int i = pos;
        while (i < in.length) {
            byte b = in[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                pos = i;
                return b & 0xFF;
            }
            i++;
        }
        pos = i;
        return -1;
    }

    private WampDecodeException unexpected(int c, String expected) {
        return unexpected(c, expected, pos);
    }

    private static WampDecodeException unexpected(int c, String expected, int at) {
        if (c < 0) {
            return malformed("unexpected end of input, expected " + expected, at);
        }
        return malformed("unexpected " + describe(c) + ", expected " + expected, at);
    }

    private static WampDecodeException malformed(String what, int at) {
        return new WampDecodeException("malformed JSON: " + what + " at byte " + at);
    }

    private static String describe(int c) {
        return c > 0x20 && c < 0x7F ? "'" + (char) c + "'" : "byte " + hex(c);
    }

    private static String hex(int b) {
        return String.format("0x%02X", b);
    }
}
