package io.natter.router.session;

import io.natter.wamp.message.Message;
import io.natter.wamp.serialization.Serializer;
import java.util.Objects;

/**
 * A message on its way out, encoded at most once per serializer however many sessions receive it.
 * The broker builds one per subscription and hands the same instance to every receiver; each
 * receiver's transport asks for the frame of its own serializer.
 *
 * <p>Thread-safe: receivers on different event loops may ask at once; the first one encodes, the
 * others reuse the frame. Reading an encoded frame takes no lock (it is asked for once per
 * receiver, so per EVENT on fan-out); encoding does.
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

    private final Message message;
    private volatile Encoded first;
    private volatile Encoded second;

    private OutgoingMessage(Message message) {
        this.message = Objects.requireNonNull(message, "message");
    }

    /** A message to be encoded on demand. */
    public static OutgoingMessage of(Message message) {
        return new OutgoingMessage(message);
    }

    public Message message() {
        return message;
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
