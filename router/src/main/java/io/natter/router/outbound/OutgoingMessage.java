package io.natter.router.outbound;

import io.natter.wamp.message.Message;
import io.natter.wamp.serialization.Serializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Objects;

/**
 * A message on its way out, encoded at most once per serializer however many sessions receive it.
 * The broker builds one per subscription and hands the same instance to every receiver; each
 * receiver's transport asks for the frame of its own serializer.
 *
 * <p>Thread-safe: receivers on different event loops may ask at once; the first one encodes, the
 * others reuse the frame. Reading an encoded frame takes no lock (it is asked for once per
 * receiver, so per EVENT on fan-out); encoding does.
 *
 * <p>A message made with {@link #shared} also keeps each large frame in one pooled direct buffer
 * that its receivers' sockets write from ({@link #retainedDirect}): a heap frame is copied into a
 * direct buffer by Netty for every socket it is written to, which on fan-out of 1 KiB events was a
 * tenth of the router's Java samples. Its maker {@link #release}s it once every receiver has it.
 */
public final class OutgoingMessage {

    /**
     * An encoded message: its bytes (UTF-8 for text serializers), shared by every receiver and
     * never changed, and whether it goes in a binary or a text frame.
     */
    public record Frame(byte[] bytes, boolean binary) {
        public int size() {
            return bytes.length;
        }
    }

    private record Encoded(Serializer serializer, Frame frame) {
    }

    /** A frame's copy in a direct buffer, holding one reference until {@link #release()}. */
    private record Direct(Serializer serializer, ByteBuf buffer) {
    }

    /**
     * Frames from this size up are shared as direct buffers: Netty's WebSocket encoder copies a
     * shorter payload into the frame header's buffer anyway, and writes a longer one as it is.
     */
    public static final int DIRECT_MIN = 1024;

    private final Message message;
    private final int code;
    private final boolean shared;
    private volatile Encoded first;
    private volatile Encoded second;
    // Written under this; read without it by retainedDirect.
    private volatile Direct firstDirect;
    private volatile Direct secondDirect;
    // Guarded by this.
    private boolean released;

    private OutgoingMessage(Message message, boolean shared) {
        this.message = Objects.requireNonNull(message, "message");
        this.code = message.code();
        this.shared = shared;
    }

    /** A message to be encoded on demand. */
    public static OutgoingMessage of(Message message) {
        return new OutgoingMessage(message, false);
    }

    /**
     * A message for many receivers whose large frames are kept in direct buffers until
     * {@link #release()}, which the caller must call once it has handed the message to every receiver.
     */
    public static OutgoingMessage shared(Message message) {
        return new OutgoingMessage(message, true);
    }

    /**
     * A new reference to the frame for {@code serializer} in a direct buffer (the caller releases
     * it, as writing it does), or null: when the message is not {@link #shared}, is released, or
     * its frame is shorter than {@link #DIRECT_MIN}. Called before {@link #release()}, by the
     * receivers the maker hands the message to (on fan-out, once per receiver: the buffer once
     * made is read without a lock).
     */
    public ByteBuf retainedDirect(Serializer serializer) {
        if (!shared) {
            return null;
        }
        Frame frame = frame(serializer);
        if (frame.size() < DIRECT_MIN) {
            return null;
        }
        Direct direct = firstDirect;
        if (direct == null || direct.serializer() != serializer) {
            direct = secondDirect;
            if (direct == null || direct.serializer() != serializer) {
                direct = makeDirect(serializer, frame);
                if (direct == null) {
                    return null;
                }
            }
        }
        return direct.buffer().retainedDuplicate();
    }

    private synchronized Direct makeDirect(Serializer serializer, Frame frame) {
        if (released) {
            return null;
        }
        boolean isFirst = first != null && first.serializer() == serializer;
        if (!isFirst && (second == null || second.serializer() != serializer)) {
            return null; // a third serializer: its frame was not kept
        }
        Direct direct = isFirst ? firstDirect : secondDirect;
        if (direct == null) {
            direct = new Direct(serializer, PooledByteBufAllocator.DEFAULT.directBuffer(frame.size()).writeBytes(frame.bytes()));
            if (isFirst) {
                firstDirect = direct;
            } else {
                secondDirect = direct;
            }
        }
        return direct;
    }

    /** Gives back the direct buffers of a {@link #shared} message; later receivers get heap frames. */
    public synchronized void release() {
        released = true;
        if (firstDirect != null) {
            firstDirect.buffer().release();
            firstDirect = null;
        }
        if (secondDirect != null) {
            secondDirect.buffer().release();
            secondDirect = null;
        }
    }

    public Message message() {
        return message;
    }

    /** The message's type code, asked once rather than per receiver. */
    public int code() {
        return code;
    }

    /** The frame for {@code serializer}, encoding it on first use. */
    public Frame frame(Serializer serializer) {
        Frame frame = encoded(serializer);
        return frame != null ? frame : encode(serializer);
    }

    private Frame encoded(Serializer serializer) {
        Encoded encoded = first;
        if (encoded != null && encoded.serializer() == serializer) {
            return encoded.frame();
        }
        encoded = second;
        if (encoded != null && encoded.serializer() == serializer) {
            return encoded.frame();
        }
        return null;
    }

    private synchronized Frame encode(Serializer serializer) {
        Frame frame = encoded(serializer);
        if (frame != null) {
            return frame;
        }
        frame = new Frame(serializer.encode(message), serializer.binary());
        if (first == null) {
            first = new Encoded(serializer, frame);
        } else if (second == null) {
            second = new Encoded(serializer, frame);
        }
        return frame;
    }
}
