package io.natter.wamp.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.natter.wamp.message.Message;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random and mutated frames: decode either returns a message or throws WampDecodeException, and
 * whatever it returns encodes again. Seeds are fixed so a failure replays.
 */
class DecodeFuzzTest {

    private static final int ITERATIONS = 4000;

    static Stream<Serializer> serializers() {
        return Stream.of(Serializers.JSON, Serializers.MSGPACK);
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void randomBytesOnlyEverFailWithWampDecodeException(Serializer serializer) {
        Random random = new Random(0x5EED);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] frame = new byte[random.nextInt(64)];
            random.nextBytes(frame);
            if (!serializer.binary() && frame.length > 0 && random.nextBoolean()) {
                frame[0] = '[';
            }
            decodeSafely(serializer, frame);
        }
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void mutatedFramesOnlyEverFailWithWampDecodeException(Serializer serializer) {
        Random random = new Random(42);
        List<byte[]> valid = SampleMessages.all().stream().map(serializer::encode).toList();
        int decoded = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] frame = mutate(valid.get(random.nextInt(valid.size())), random);
            if (decodeSafely(serializer, frame)) {
                decoded++;
            }
        }
        // Some mutations must stay valid, or the mutator only ever tested the first check.
        assertThat(decoded).isPositive();
    }

    /** Decodes, re-encodes what decoded; true when the frame was a message. */
    private static boolean decodeSafely(Serializer serializer, byte[] frame) {
        Message message;
        try {
            message = serializer.decode(frame);
        } catch (WampDecodeException expected) {
            return false;
        } catch (Throwable unexpected) {
            fail("decode threw %s for %s", unexpected, Arrays.toString(frame));
            return false;
        }
        serializer.encode(message);
        return true;
    }

    private static byte[] mutate(byte[] frame, Random random) {
        return mutate(frame, random, r -> r.nextInt(256));
    }

    /**
     * {@code frame} with one to three random edits (a byte replaced, a bit flipped, the rest cut
     * off, a byte inserted or removed); the bytes it puts in are {@code nextByte}'s.
     */
    static byte[] mutate(byte[] frame, Random random, ToIntFunction<Random> nextByte) {
        byte[] out = frame.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && out.length > 0; e++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(5)) {
                case 0 -> out[at] = (byte) nextByte.applyAsInt(random);
                case 1 -> out[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> out = Arrays.copyOf(out, at);
                case 3 -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = (byte) nextByte.applyAsInt(random);
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
                default -> {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
                }
            }
        }
        return out;
    }
}
