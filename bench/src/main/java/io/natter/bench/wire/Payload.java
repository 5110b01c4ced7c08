package io.natter.bench.wire;

import io.vertx.core.buffer.Buffer;

import java.util.Arrays;

/**
 * The one positional argument every measured message carries: an ASCII string of a fixed
 * length that starts with a time stamp, {@code @} followed by 16 hex digits of a
 * {@link System#nanoTime()} reading, padded with {@code x}.
 *
 * <p>Routers pass the string through unchanged in both serializations (its bytes appear raw in
 * JSON and in MessagePack), so a receiver finds the stamp by scanning for {@code @} without
 * decoding the frame.
 *
 * <p>Not thread-safe: each sender owns its instance and {@link #stamp}s it before each send
 * (the frame builders copy the bytes).
 */
public final class Payload {

    /** Length of {@code @} plus 16 hex digits. */
    public static final int STAMP_LENGTH = 17;

    private static final byte[] HEX = "0123456789abcdef".getBytes();

    private final byte[] bytes;

    /** A payload of {@code length} bytes (at least {@link #STAMP_LENGTH}). */
    public Payload(int length) {
        if (length < STAMP_LENGTH) {
            throw new IllegalArgumentException("payload shorter than its stamp: " + length);
        }
        bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'x');
        bytes[0] = '@';
    }

    /** Writes {@code nanos} into the stamp and returns the (shared, reused) bytes. */
    public byte[] stamp(long nanos) {
        for (int i = 16; i >= 1; i--) {
            bytes[i] = HEX[(int) (nanos & 0xf)];
            nanos >>>= 4;
        }
        return bytes;
    }

    /** Copies the stamp found in {@code frame} into this payload; false if the frame has none. */
    public boolean copyStampFrom(Buffer frame) {
        int at = indexOfStamp(frame);
        if (at < 0) {
            return false;
        }
        frame.getBytes(at, at + STAMP_LENGTH, bytes, 0);
        return true;
    }

    /** The (shared, reused) bytes as last stamped or copied. */
    public byte[] bytes() {
        return bytes;
    }

    /** The length of the payload in bytes. */
    public int length() {
        return bytes.length;
    }

    /** The time stamp carried by {@code frame}, or {@link Long#MIN_VALUE} if it has none. */
    public static long readStamp(Buffer frame) {
        int at = indexOfStamp(frame);
        if (at < 0) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (int i = at + 1; i < at + STAMP_LENGTH; i++) {
            int c = frame.getByte(i);
            int digit = c <= '9' ? c - '0' : c - 'a' + 10;
            value = (value << 4) | digit;
        }
        return value;
    }

    // MessagePack ids are raw bytes and may hold an '@', but never one followed by 16 hex digits.
    private static int indexOfStamp(Buffer frame) {
        int end = frame.length() - STAMP_LENGTH;
        for (int i = 0; i <= end; i++) {
            if (frame.getByte(i) == '@' && hexFollows(frame, i + 1)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hexFollows(Buffer frame, int from) {
        for (int i = from; i < from + STAMP_LENGTH - 1; i++) {
            int c = frame.getByte(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
