package io.natter.wamp.serialization;

import io.natter.wamp.message.Message;
import io.natter.wamp.message.ReceivedArguments;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A value writer of a wire format that writes straight into a byte array: the thread's recycled
 * buffer, copied out once at the end, so a message costs one array of its exact size. An encoding
 * nested inside another on the same thread, which nothing does today, gets a buffer of its own.
 */
abstract class ByteArrayWriter extends ValueWriter {

    /** A thread's buffer is given back to the garbage collector if a message grew it past this. */
    private static final int KEEP_AT_MOST = 64 * 1024;
    private static final int INITIAL = 1024;

    /** A thread's buffer and whether a writer is using it. */
    private static final class Scratch {
        byte[] bytes = new byte[INITIAL];
        boolean busy;
    }

    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    /** The bytes written so far: {@code out[0, length)}. */
    byte[] out;
    int length;
    /** What {@link ReceivedArguments} of this format are recorded as. */
    private final Object encoding;

    ByteArrayWriter(byte[] out, Object encoding) {
        this.out = out;
        this.encoding = encoding;
    }

    /** Copies arguments received in this format as they came; encodes any others. */
    @Override
    final void writeArguments(List<?> args, int depth) throws IOException {
        ReceivedArguments.Raw raw = ReceivedArguments.raw(args, encoding);
        if (raw == null) {
            writeList(args, depth);
            return;
        }
        beforeValue();
        append(raw.frame(), raw.offset(), raw.length());
    }

    /** What the format writes before a value it is given as bytes (a separator); nothing by default. */
    void beforeValue() {
    }

    /** The bytes of {@code message} as a writer made by {@code writerOn} (given its buffer) writes them. */
    static byte[] write(Message message, Function<byte[], ? extends ByteArrayWriter> writerOn) throws IOException {
        Scratch scratch = SCRATCH.get();
        boolean reuse = !scratch.busy;
        ByteArrayWriter writer = writerOn.apply(reuse ? scratch.bytes : new byte[INITIAL]);
        if (reuse) {
            scratch.busy = true;
        }
        try {
            MessageWriter.write(message, writer);
            return Arrays.copyOf(writer.out, writer.length);
        } finally {
            if (reuse) {
                scratch.bytes = writer.out.length <= KEEP_AT_MOST ? writer.out : new byte[INITIAL];
                scratch.busy = false;
            }
        }
    }

    /** Makes room for {@code more} bytes after {@code length}. */
    final void ensure(int more) {
        if (length + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
        }
    }

    /** Appends {@code count} bytes of {@code bytes} from {@code offset}. */
    final void append(byte[] bytes, int offset, int count) {
        ensure(count);
        System.arraycopy(bytes, offset, out, length, count);
        length += count;
    }

    /**
     * Writes the char at {@code i} of {@code s}, which is not ASCII, as UTF-8 into {@code b} from
     * {@code at} and returns where it ends; a high surrogate with its low one after it is written
     * as the one 4-byte character they make (the caller skips the low one). An unpaired surrogate
     * is not written: -1, and the caller writes what its format puts for one.
     */
    static int utf8Char(String s, int i, byte[] b, int at) {
        char c = s.charAt(i);
        if (c < 0x800) {
            b[at++] = (byte) (0xc0 | (c >> 6));
            b[at++] = (byte) (0x80 | (c & 0x3f));
        } else if (!Character.isSurrogate(c)) {
            b[at++] = (byte) (0xe0 | (c >> 12));
            b[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
            b[at++] = (byte) (0x80 | (c & 0x3f));
        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            b[at++] = (byte) (0xf0 | (cp >> 18));
            b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
            b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            b[at++] = (byte) (0x80 | (cp & 0x3f));
        } else {
            return -1;
        }
        return at;
    }
}
