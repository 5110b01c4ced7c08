package io.natter.wamp.serialization;

import io.natter.wamp.message.Message;
import io.natter.wamp.message.ReceivedArguments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The {@code wamp.2.msgpack} serializer: MessagePack binary frames, with {@code bin} for
 * {@code byte[]}, read by {@link MsgpackReader} and written by {@link MsgpackWriter}, both
 * hand-written over byte arrays.
 *
 * <p>Why not a MessagePack library: the Jackson {@code MessagePackFactory} parser turns integer,
 * boolean and binary map keys into string field names (so non-string keys could not be refused),
 * replaces invalid UTF-8 instead of reporting it, and adds a token layer on top of the unpacker.
 * msgpack-core itself, used directly, built an unpacker, its buffer input and a message buffer
 * for every frame, and packed into a per-thread packer whose buffer list was copied out at the
 * end; once JSON was read and written by hand, it was faster than MessagePack. JMH
 * {@code SerializerBenchmark}, same machine and session, msgpack-core then the hand-written pair:
 * decoding a PUBLISH with a 64-byte payload 164 ns and 712 B allocated, then 107 ns and 536 B
 * (1 KiB: 395 ns and 1672 B, then 203 ns and 1496 B); encoding a 64-byte EVENT 174 ns and 784 B,
 * then 151 ns and 256 B; forwarding a 64-byte PUBLISH as an EVENT 224 ns and 1015 B, then 152 ns
 * and 688 B. The reader accepts and refuses what the msgpack-core based one did, with the same
 * messages (where msgpack-core said {@code "malformed MessagePack: null"}, it says why); the
 * writer writes msgpack-core's bytes (both are tested against msgpack-core).
 *
 * <p>Decoding checks every declared length against the bytes left in the frame before allocating,
 * decodes strings as strict UTF-8 and refuses extension types, which WAMP does not use. Encoding
 * writes an unpaired surrogate (which only Java code can put in a string: decoding refuses them)
 * as {@code ?}.
 *
 * <p>Like the JSON serializer, the reader keeps where each arguments list lies in the frame
 * ({@link ReceivedArguments}) and the writer copies those bytes when the list is forwarded
 * unchanged (PUBLISH to EVENT, CALL to INVOCATION, YIELD to RESULT): the values are still decoded
 * and checked, but not packed again for every publication.
 *
 * <p>Use the shared instance {@link Serializers#MSGPACK}.
 */
public final class MsgpackSerializer implements Serializer {

    /** Stands for this encoding in {@link ReceivedArguments}. */
    private static final Object ENCODING = MsgpackWriter.ENCODING;

    MsgpackSerializer() {
    }

    @Override
    public String subprotocol() {
        return "wamp.2.msgpack";
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public byte[] encode(Message message) {
        Objects.requireNonNull(message, "message");
        try {
            return MsgpackWriter.write(message);
        } catch (IOException e) {
            // The sink is memory and ValueWriter already refused what MessagePack cannot hold.
            throw new UncheckedIOException("writing to memory failed", e);
        }
    }

    @Override
    public Message decode(byte[] frame) throws WampDecodeException {
        Objects.requireNonNull(frame, "frame");
        return MessageReader.read(MsgpackReader.readFrame(frame, ENCODING));
    }
}
