package io.natter.bench.wire;

import io.vertx.core.buffer.Buffer;

import java.util.Arrays;

/**
 * The one positional argument every measured message carries: an ASCII string of a fixed
 * length that starts with a time stamp, {@code @} followed by 16 hex digits of a
 * {@link System#nanoTime()} reading, padded with {@code x}. The stamp is the message's intended
 * send time; a payload of at least {@link #TWO_STAMPS} bytes carries a second stamp right after
 * it, the time the message actually left (the two differ by the generator's own lateness).
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

    /** The length from which a payload carries the sent time as a second stamp. */
    public static final int TWO_STAMPS = 2 * STAMP_LENGTH;

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

    /** Writes {@code nanos} into the stamp (and the sent stamp, if any) and returns the (shared, reused) bytes. */
    public byte[] stamp(long nanos) {
        return stamp(nanos, nanos);
    }

    /**
     * Writes the intended send time into the stamp and, where the payload has room for it, the
     * time the message actually leaves into the second; returns the (shared, reused) bytes.
     */
    public byte[] stamp(long intended, long sent) {
        write(intended, 0);
        if (bytes.length >= TWO_STAMPS) {
            bytes[STAMP_LENGTH] = '@';
            write(sent, STAMP_LENGTH);
        }
        return bytes;
    }

    private void write(long nanos, int at) {
        for (int i = at + STAMP_LENGTH - 1; i > at; i--) {
            bytes[i] = HEX[(int) (nanos & 0xf)];
            nanos >>>= 4;
        }
    }

    /** Copies the stamps found in {@code frame} into this payload; false if the frame has none. */
    public boolean copyStampFrom(Buffer frame) {
        int at = find(frame);
        if (at < 0) {
            return false;
        }
        int length = Math.min(Math.min(bytes.length, TWO_STAMPS), frame.length() - at);
        frame.getBytes(at, at + length, bytes, 0);
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

    /** The time stamp (intended send time) carried by {@code frame}, or {@link Long#MIN_VALUE} if it has none. */
    public static long readStamp(Buffer frame) {
        int at = find(frame);
        return at < 0 ? Long.MIN_VALUE : intendedAt(frame, at);
    }

    /** The intended send time of the stamp that {@link #find} found at {@code at}. */
    public static long intendedAt(Buffer frame, int at) {
        return hexAt(frame, at + 1);
    }

    /** The sent time following the stamp found at {@code at}, or {@link Long#MIN_VALUE} if the payload has none. */
    public static long sentAt(Buffer frame, int at) {
        int second = at + STAMP_LENGTH;
        if (second + STAMP_LENGTH > frame.length() || frame.getByte(second) != '@' || !hexFollows(frame, second + 1)) {
            return Long.MIN_VALUE;
        }
        return hexAt(frame, second + 1);
    }

    private static long hexAt(Buffer frame, int from) {
        long value = 0;
        for (int i = from; i < from + STAMP_LENGTH - 1; i++) {
            int c = frame.getByte(i);
            int digit = c <= '9' ? c - '0' : c - 'a' + 10;
            value = (value << 4) | digit;
        }
        return value;
    }

    /**
     * Where the stamp begins in {@code frame} (its {@code @}), or -1. MessagePack ids are raw bytes
     * and may hold an '@', but never one followed by 16 hex digits.
     */
    public static int find(Buffer frame) {
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
