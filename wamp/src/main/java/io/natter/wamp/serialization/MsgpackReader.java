package io.natter.wamp.serialization;

import io.natter.wamp.message.ReceivedArguments;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one {@code wamp.2.msgpack} frame into the value model of {@link Serializers}, straight
 * from the frame's bytes.
 *
 * <p>It accepts and refuses what the msgpack-core unpacker it replaced did, with the same
 * messages: every declared length is checked against the bytes left in the frame before anything
 * is allocated (an array of N items needs N bytes, a map 2N), strings must be strict UTF-8, map
 * keys strings, and extension types, which WAMP does not use, are refused. Integers come as the
 * narrowest of {@link Integer}, {@link Long} and (above {@link Long#MAX_VALUE}) {@link BigInteger},
 * whatever width the sender chose; {@code float32} and {@code float64} both as {@link Double};
 * {@code bin} as a copy of its bytes. A frame that ends inside a value, or declares a length of
 * 2^31 or more, is reported as {@code "malformed MessagePack: ..."} (msgpack-core said
 * {@code "malformed MessagePack: null"} there).
 *
 * <p>One instance reads one frame on one thread. Every error is a {@link WampDecodeException}.
 * Recursion stops at {@link Serializers#MAX_DEPTH}, long before the stack would.
 */
final class MsgpackReader {

    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long TOP_BITS = 0x8080_8080_8080_8080L;

    private final byte[] in;
    private final Object encoding;
    /** The next byte to read. */
    private int pos;
    private CharsetDecoder utf8;

    private MsgpackReader(byte[] in, Object encoding) {
        this.in = in;
        this.encoding = encoding;
    }

    /**
     * The frame's array as a list; its elements that are arrays (in WAMP only arguments lists)
     * come as {@link ReceivedArguments} of {@code encoding} that keep where their bytes lie.
     */
    static List<Object> readFrame(byte[] frame, Object encoding) throws WampDecodeException {
        return new MsgpackReader(frame, encoding).frame();
    }

    private List<Object> frame() throws WampDecodeException {
        if (in.length == 0) {
            throw new WampDecodeException("frame is empty");
        }
        if (!isArray(peek())) {
            throw new WampDecodeException("frame must be a MessagePack array");
        }
        List<Object> elements = frameArray();
        if (pos < in.length) {
            throw new WampDecodeException("frame has data after the message array");
        }
        return elements;
    }

    private List<Object> frameArray() throws WampDecodeException {
        Serializers.checkDepth(1);
        int size = arrayHeader();
        List<Object> elements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (!isArray(peek())) {
                elements.add(value(2));
                continue;
            }
            int start = pos;
            List<Object> list = list(2);
            elements.add(ReceivedArguments.of(list, encoding, new ReceivedArguments.Raw(in, start, pos - start)));
        }
        return elements;
    }

    /** The value at {@link #pos}; containers opened here sit at {@code depth}. */
    private Object value(int depth) throws WampDecodeException {
        int b = peek();
        if (b < 0x80) {
            pos++;
            return b;
        }
        if (b >= 0xe0) {
            pos++;
            return (int) (byte) b;
        }
        if (b < 0x90) {
            return map(depth);
        }
        if (b < 0xa0) {
            return list(depth);
        }
        if (b < 0xc0) {
            return string();
        }
        switch (b) {
            case 0xc0:
                pos++;
                return null;
            case 0xc2:
                pos++;
                return Boolean.FALSE;
            case 0xc3:
                pos++;
                return Boolean.TRUE;
            case 0xc4:
            case 0xc5:
            case 0xc6:
                return binary();
            case 0xca:
                return (double) Float.intBitsToFloat(int32());
            case 0xcb:
                return Double.longBitsToDouble(int64());
            case 0xcc:
                return uint(1);
            case 0xcd:
                return uint(2);
            case 0xce:
                return narrow(Integer.toUnsignedLong(int32()));
            case 0xcf:
                long u64 = int64();
                return u64 >= 0 ? narrow(u64) : BigInteger.valueOf(u64 & Long.MAX_VALUE).setBit(63);
            case 0xd0:
                need(2);
                pos += 2;
                return (int) in[pos - 1];
            case 0xd1:
                need(3);
                pos += 3;
                return (int) (short) SHORTS.get(in, pos - 2);
            case 0xd2:
                return int32();
            case 0xd3:
                return narrow(int64());
            case 0xd9:
            case 0xda:
            case 0xdb:
                return string();
            case 0xdc:
            case 0xdd:
                return list(depth);
            case 0xde:
            case 0xdf:
                return map(depth);
            default:
                // 0xc7-0xc9 and 0xd4-0xd8: refused by their first byte, as msgpack-core's type was.
                throw new WampDecodeException("MessagePack extension types are not part of WAMP");
        }
    }

    /** An unsigned integer of {@code width} (1 or 2) bytes after its first byte. */
    private Object uint(int width) throws WampDecodeException {
        need(1 + width);
        int at = pos + 1;
        pos += 1 + width;
        return width == 1 ? in[at] & 0xff : (short) SHORTS.get(in, at) & 0xffff;
    }

    /** The 4 bytes after the first byte, as a signed int. */
    private int int32() throws WampDecodeException {
        need(5);
        pos += 5;
        return (int) INTS.get(in, pos - 4);
    }

    /** The 8 bytes after the first byte, as a signed long. */
    private long int64() throws WampDecodeException {
        need(9);
        pos += 9;
        return (long) LONGS.get(in, pos - 8);
    }

    /** The same boxed type JSON decoding gives, however wide the sender's encoding was. */
    private static Object narrow(long value) {
        if (value == (int) value) {
            return (int) value;
        }
        return value;
    }

    private String string() throws WampDecodeException {
        int b = peek();
        long length;
        if (b >= 0xa0 && b <= 0xbf) {
            pos++;
            length = b & 0x1f;
        } else {
            length = length(b - 0xd9);
        }
        int n = checkLength(length, 1, "string");
        int offset = pos;
        pos += n;
        return decodeUtf8(offset, n);
    }

    private String decodeUtf8(int offset, int length) throws WampDecodeException {
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            if (((long) LONGS.get(in, i) & TOP_BITS) != 0) {
                return decodeNonAscii(offset, length);
            }
        }
        for (; i < end; i++) {
            if (in[i] < 0) {
                return decodeNonAscii(offset, length);
            }
        }
        return new String(in, offset, length, StandardCharsets.ISO_8859_1);
    }

    private String decodeNonAscii(int offset, int length) throws WampDecodeException {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder();
        }
        try {
            return utf8.decode(ByteBuffer.wrap(in, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new WampDecodeException("string is not valid UTF-8", e);
        }
    }

    private byte[] binary() throws WampDecodeException {
        int n = checkLength(length(peek() - 0xc4), 1, "binary");
        pos += n;
        return Arrays.copyOfRange(in, pos - n, pos);
    }

    private List<Object> list(int depth) throws WampDecodeException {
        Serializers.checkDepth(depth);
        int size = arrayHeader();
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(value(depth + 1));
        }
        return list;
    }

    private Map<String, Object> map(int depth) throws WampDecodeException {
        Serializers.checkDepth(depth);
        int b = peek();
        long declared;
        if (b < 0x90) {
            pos++;
            declared = b & 0x0f;
        } else {
            declared = length(b - 0xdd);
        }
        int size = checkLength(declared, 2, "map");
        Map<String, Object> map = new LinkedHashMap<>(size * 4 / 3 + 1);
        for (int i = 0; i < size; i++) {
            int k = peek();
            if (!isString(k)) {
                throw new WampDecodeException("dict keys must be strings, not " + typeName(k));
            }
            String key = string();
            map.put(key, value(depth + 1));
            if (map.size() == i) {
                throw new WampDecodeException("dict has key \"" + key + "\" twice");
            }
        }
        return map;
    }

    /** Reads the header of the array at {@link #pos}, checking its length against the frame. */
    private int arrayHeader() throws WampDecodeException {
        int b = peek();
        if (b < 0xa0) {
            pos++;
            return checkLength(b & 0x0f, 1, "array");
        }
        return checkLength(length(b - 0xdb), 1, "array");
    }

    /**
     * Reads a header whose length follows its first byte in 1, 2 or 4 bytes ({@code form} 0, 1,
     * 2: the 8-, 16- and 32-bit forms, whose first bytes are consecutive in every family).
     */
    private long length(int form) throws WampDecodeException {
        int width = 1 << form;
        need(1 + width);
        int at = pos + 1;
        pos += 1 + width;
        return switch (form) {
            case 0 -> in[at] & 0xff;
            case 1 -> (short) SHORTS.get(in, at) & 0xffff;
            default -> Integer.toUnsignedLong((int) INTS.get(in, at));
        };
    }

    /**
     * Refuses a declared length that the rest of the frame cannot hold (each item taking at
     * least {@code bytesPerItem}), so a forged header cannot make us allocate gigabytes.
     */
    private int checkLength(long count, int bytesPerItem, String what) throws WampDecodeException {
        if (count > Integer.MAX_VALUE) {
            // msgpack-core refused these before comparing them with the frame, as malformed.
            throw malformed(what + " of length " + count + " runs past the end of the frame");
        }
        if (count * bytesPerItem > in.length - pos) {
            throw new WampDecodeException(what + " of length " + count + " runs past the end of the frame");
        }
        return (int) count;
    }

    /** The first byte of the next value, which must exist and not be the unused 0xc1. */
    private int peek() throws WampDecodeException {
        if (pos >= in.length) {
            throw truncated();
        }
        int b = in[pos] & 0xff;
        if (b == 0xc1) {
            throw new WampDecodeException("byte 0xc1 is not MessagePack");
        }
        return b;
    }

    /** Refuses a value of {@code n} bytes from {@link #pos} that the frame does not hold. */
    private void need(int n) throws WampDecodeException {
        if (n > in.length - pos) {
            throw truncated();
        }
    }

    private WampDecodeException truncated() {
        return malformed("the frame ends inside a value at byte " + in.length);
    }

    private static WampDecodeException malformed(String what) {
        return new WampDecodeException("malformed MessagePack: " + what);
    }

    private static boolean isArray(int b) {
        return (b >= 0x90 && b <= 0x9f) || b == 0xdc || b == 0xdd;
    }

    private static boolean isString(int b) {
        return (b >= 0xa0 && b <= 0xbf) || (b >= 0xd9 && b <= 0xdb);
    }

    /** The name msgpack-core's {@code ValueType} gave the value that starts with {@code b}. */
    private static String typeName(int b) {
        if (b < 0x80 || b >= 0xe0 || (b >= 0xcc && b <= 0xd3)) {
            return "INTEGER";
        }
        if (b < 0x90 || b == 0xde || b == 0xdf) {
            return "MAP";
        }
        if (isArray(b)) {
            return "ARRAY";
        }
        return switch (b) {
            case 0xc0 -> "NIL";
            case 0xc2, 0xc3 -> "BOOLEAN";
            case 0xc4, 0xc5, 0xc6 -> "BINARY";
            case 0xca, 0xcb -> "FLOAT";
            default -> "EXTENSION";
        };
    }
}
