package io.natter.wamp.serialization;

import io.natter.wamp.message.Message;
import io.natter.wamp.message.ReceivedArguments;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes MessagePack straight into a byte array: the MessagePack primitives of the shared value
 * writer.
 *
 * <p>It replaced msgpack-core's buffer packer and writes the same bytes it did (a test compares
 * them): integers in the smallest form that holds them, non-negative ones in the unsigned forms
 * ({@code uint8} from 128 up), values above {@link Long#MAX_VALUE} as {@code uint64}; every double
 * as {@code float64}; strings as UTF-8 in the smallest of fixstr, str8, str16 and str32, with an
 * unpaired surrogate (which only Java code can make: decoding refuses them) as {@code ?}, as
 * {@link String#getBytes} writes it; {@code byte[]} as bin8, bin16 or bin32; array and map headers
 * in their fix, 16- or 32-bit forms.
 *
 * <p>One instance writes one message; {@link #write} gives the bytes as a new array (see
 * {@link ByteArrayWriter}).
 */
final class MsgpackWriter extends ByteArrayWriter {

    /** What {@link ReceivedArguments} records MessagePack bytes as. */
    static final Object ENCODING = new Object();

    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Strings of this many chars and more are encoded by {@link String#getBytes}; see {@link #string}. */
    private static final int GET_BYTES_FROM = 128;

    private MsgpackWriter(byte[] out) {
        super(out, ENCODING);
    }

    /** The MessagePack bytes of {@code message}. */
    static byte[] write(Message message) throws IOException {
        return write(message, MsgpackWriter::new);
    }

    @Override
    void writeNull() {
        ensure(1);
        out[length++] = (byte) 0xc0;
    }

    @Override
    void writeBoolean(boolean value) {
        ensure(1);
        out[length++] = (byte) (value ? 0xc3 : 0xc2);
    }

    @Override
    void writeLong(long v) {
        ensure(9);
        if (v >= -32 && v < 128) {
            out[length++] = (byte) v; // positive or negative fixint
        } else if (v >= 0) {
            if (v < 1 << 8) {
                byte1(0xcc, (int) v);
            } else if (v < 1 << 16) {
                byte2(0xcd, (int) v);
            } else if (v < 1L << 32) {
                byte4(0xce, (int) v);
            } else {
                byte8(0xcf, v);
            }
        } else if (v >= Byte.MIN_VALUE) {
            byte1(0xd0, (int) v);
        } else if (v >= Short.MIN_VALUE) {
            byte2(0xd1, (int) v);
        } else if (v >= Integer.MIN_VALUE) {
            byte4(0xd2, (int) v);
        } else {
            byte8(0xd3, v);
        }
    }

    @Override
    void writeBigInteger(BigInteger value) {
        // ValueWriter calls this only for (Long.MAX_VALUE, 2^64 - 1]: the low 64 bits are the value.
        ensure(9);
        byte8(0xcf, value.longValue());
    }

    @Override
    void writeDouble(double value) {
        ensure(9);
        byte8(0xcb, Double.doubleToRawLongBits(value));
    }

    @Override
    void writeString(String value) {
        string(value);
    }

    @Override
    void writeBinary(byte[] value) {
        int n = value.length;
        ensure(5 + n);
        if (n < 1 << 8) {
            byte1(0xc4, n);
        } else if (n < 1 << 16) {
            byte2(0xc5, n);
        } else {
            byte4(0xc6, n);
        }
        append(value, 0, n);
    }

    @Override
    void startArray(int size) {
        ensure(5);
        if (size < 16) {
            out[length++] = (byte) (0x90 | size);
        } else if (size < 1 << 16) {
            byte2(0xdc, size);
        } else {
            byte4(0xdd, size);
        }
    }

    @Override
    void endArray() {
        // MessagePack arrays are length-prefixed: nothing closes them.
    }

    @Override
    void startMap(int size) {
        ensure(5);
        if (size < 16) {
            out[length++] = (byte) (0x80 | size);
        } else if (size < 1 << 16) {
            byte2(0xde, size);
        } else {
            byte4(0xdf, size);
        }
    }

    @Override
    void writeKey(String key) {
        string(key);
    }

    @Override
    void endMap() {
        // MessagePack maps are length-prefixed: nothing closes them.
    }

    /**
     * Writes {@code s} as a str. A short one is encoded in place: the UTF-8 goes where the header
     * for the shortest it could be would end, and moves along if it came out longer than that
     * header can say. A long one goes through {@link String#getBytes}, whose copy of Latin-1
     * text is an intrinsic: encoding char by char made a 1 KiB EVENT take twice as long.
     */
    private void string(String s) {
        int n = s.length();
        if (n >= GET_BYTES_FROM) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            ensure(5 + utf8.length);
            strHeader(utf8.length);
            append(utf8, 0, utf8.length);
            return;
        }
        // At most 3 bytes per char (a surrogate pair is 4 bytes for 2 chars) and a 5-byte header.
        ensure(3 * n + 5);
        int header = headerSize(n);
        int start = length + header;
        int end = utf8(s, n, out, start);
        int bytes = end - start;
        int needed = headerSize(bytes);
        if (needed != header) {
            System.arraycopy(out, start, out, start + needed - header, bytes);
        }
        strHeader(bytes);
        length += bytes;
    }

    private void strHeader(int bytes) {
        if (bytes < 32) {
            out[length++] = (byte) (0xa0 | bytes);
        } else if (bytes < 1 << 8) {
            byte1(0xd9, bytes);
        } else if (bytes < 1 << 16) {
            byte2(0xda, bytes);
        } else {
            byte4(0xdb, bytes);
        }
    }

    /** The size of a str header for {@code bytes} bytes of UTF-8. */
    private static int headerSize(int bytes) {
        return bytes < 32 ? 1 : bytes < 1 << 8 ? 2 : bytes < 1 << 16 ? 3 : 5;
    }

    /** Encodes {@code s} as {@link String#getBytes} does into {@code b} from {@code at}; the end. */
    private static int utf8(String s, int n, byte[] b, int at) {
        int i = 0;
        for (char c; i < n && (c = s.charAt(i)) < 0x80; i++) {
            b[at++] = (byte) c;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
                continue;
            }
            int end = utf8Char(s, i, b, at);
            if (end < 0) {
                b[at++] = '?';
            } else {
                i += end - at == 4 ? 1 : 0; // a surrogate pair: two chars
                at = end;
            }
        }
        return at;
    }

    private void byte1(int first, int value) {
        out[length] = (byte) first;
        out[length + 1] = (byte) value;
        length += 2;
    }

    private void byte2(int first, int value) {
        out[length] = (byte) first;
        SHORTS.set(out, length + 1, (short) value);
        length += 3;
    }

    private void byte4(int first, int value) {
        out[length] = (byte) first;
        INTS.set(out, length + 1, value);
        length += 5;
    }

    private void byte8(int first, long value) {
        out[length] = (byte) first;
        LONGS.set(out, length + 1, value);
        length += 9;
    }

}
