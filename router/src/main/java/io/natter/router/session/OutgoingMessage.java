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
 * others reuse the frame.
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

    private final Message message;
    private Serializer firstSerializer;
    private Frame firstFrame;
    private Serializer secondSerializer;
    private Frame secondFrame;

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
    public synchronized Frame frame(Serializer serializer) {
        if (serializer == firstSerializer) {
            return firstFrame;
        }
        if (serializer == secondSerializer) {
            return secondFrame;
        }
        byte[] bytes = serializer.encode(message);
        Frame frame = new Frame(bytes, serializer.binary());
        if (firstSerializer == null) {
            firstSerializer = serializer;
            firstFrame = frame;
        } else if (secondSerializer == null) {
            secondSerializer = serializer;
            secondFrame = frame;
        }
        return frame;
    }
}
