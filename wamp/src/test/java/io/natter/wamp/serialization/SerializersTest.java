package io.natter.wamp.serialization;

import static io.natter.wamp.serialization.SampleMessages.dict;
import static io.natter.wamp.serialization.SampleMessages.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natter.wamp.message.Event;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Result;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SerializersTest {

    static Stream<Arguments> everyMessageOverEverySerializer() {
        return Stream.of(Serializers.JSON, Serializers.MSGPACK)
                .flatMap(s -> SampleMessages.all().stream().map(m -> Arguments.of(s.subprotocol(), s, m)));
    }

    static Stream<Serializer> serializers() {
        return Stream.of(Serializers.JSON, Serializers.MSGPACK);
    }

    @Test
    void findsSerializersBySubprotocol() {
        assertThat(Serializers.forSubprotocol("wamp.2.json")).containsSame(Serializers.JSON);
        assertThat(Serializers.forSubprotocol("wamp.2.msgpack")).containsSame(Serializers.MSGPACK);
        assertThat(Serializers.forSubprotocol("wamp.2.cbor")).isEmpty();
        assertThat(Serializers.forSubprotocol(null)).isEmpty();
        assertThat(Serializers.JSON.binary()).isFalse();
        assertThat(Serializers.MSGPACK.binary()).isTrue();
    }

    @Test
    void samplesCoverEveryMessageType() {
        Set<Class<?>> covered = SampleMessages.all().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(Message.class.getPermittedSubclasses());
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void encodingsOnOneThreadDoNotShareBytes(Serializer serializer) throws Exception {
        // The encoders reuse a per-thread buffer: frames of every size in a row, each compared
        // with its encoding on a fresh thread (which starts with empty buffers) after the rest
        // were written, so one frame overwriting another's bytes would show.
        List<Message> messages = new ArrayList<>();
        for (int size : new int[] {100_000, 3, 5_000, 700, 1, 64_000, 300, 2_000}) {
            messages.addAll(SampleMessages.all());
            messages.add(new Publish(size, Map.of(), "com.example.t", List.of("x".repeat(size)), Map.of("n", size)));
        }
        List<byte[]> frames = messages.stream().map(serializer::encode).toList();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            byte[][] fresh = new byte[1][];
            Thread t = new Thread(() -> fresh[0] = serializer.encode(m));
            t.start();
            t.join();
            assertThat(frames.get(i)).as("frame %d", i).isEqualTo(fresh[0]);
            assertSameMessage(serializer.decode(frames.get(i)), m);
        }
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("everyMessageOverEverySerializer")
    void roundTripsEveryMessage(String name, Serializer serializer, Message message) throws WampDecodeException {
        byte[] frame = serializer.encode(message);
        Message decoded = serializer.decode(frame);

        assertSameMessage(decoded, message);
        // Byte equality on re-encoding also pins dict order and the boxed number types.
        assertThat(serializer.encode(decoded)).isEqualTo(frame);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("everyMessageOverEverySerializer")
    void forwardsBetweenFormatsWithoutLoss(String name, Serializer ignored, Message message) throws WampDecodeException {
        byte[] json = Serializers.JSON.encode(message);
        Message viaMsgpack = Serializers.MSGPACK.decode(Serializers.MSGPACK.encode(Serializers.JSON.decode(json)));
        Message backToJson = Serializers.JSON.decode(Serializers.JSON.encode(viaMsgpack));

        assertSameMessage(viaMsgpack, message);
        assertThat(Serializers.JSON.encode(backToJson)).isEqualTo(json);
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void decodesPayloadsToPlainMutableJavaValues(Serializer serializer) throws WampDecodeException {
        Event event = new Event(1, 2, dict(), list(5, 1L << 40, 2.5, "s", new byte[] {1}, list(), dict()), dict("k", true));

        Event decoded = (Event) serializer.decode(serializer.encode(event));

        assertThat(decoded.args()).extracting(Object::getClass).map(Class::getSimpleName)
                .containsExactly("Integer", "Long", "Double", "String", "byte[]", "ArrayList", "LinkedHashMap");
        assertThat(decoded.kwargs()).containsEntry("k", true);
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void encodesOtherNumberTypesAsTheirWireKind(Serializer serializer) throws WampDecodeException {
        Publish publish = new Publish(1, dict(), "t", list((short) 3, (byte) 4, 1.5f, BigInteger.TEN), Map.of());

        Publish decoded = (Publish) serializer.decode(serializer.encode(publish));

        assertThat(decoded.args()).containsExactly(3, 4, 1.5, 10);
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void refusesValuesOutsideTheValueModel(Serializer serializer) {
        Map<String, Object> selfContaining = new LinkedHashMap<>();
        selfContaining.put("me", selfContaining);
        Map<Object, Object> intKeys = new LinkedHashMap<>();
        intKeys.put(1, "one");
        List<Object> tooDeep = new ArrayList<>();
        List<Object> inner = tooDeep;
        for (int i = 0; i < Serializers.MAX_DEPTH; i++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }

        for (Object bad : List.of(new Object(), BigDecimal.ONE, BigInteger.ONE.shiftLeft(64), selfContaining,
                intKeys, tooDeep)) {
            Result result = new Result(1, dict(), list(bad), Map.of());
            assertThatThrownBy(() -> serializer.encode(result)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void carriesTheDeepestNestingItAccepts(Serializer serializer) throws WampDecodeException {
        // The frame is level 1 and the args list level 2, so the payload may add MAX_DEPTH - 2 levels.
        Object value = "leaf";
        for (int i = 0; i < Serializers.MAX_DEPTH - 2; i++) {
            value = list(value);
        }
        Result result = new Result(1, dict(), list(value), Map.of());
        Result deeper = new Result(1, dict(), list(list(value)), Map.of());

        assertSameMessage(serializer.decode(serializer.encode(result)), result);
        assertThatThrownBy(() -> serializer.encode(deeper))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static void assertSameMessage(Message actual, Message expected) {
        assertThat(actual).isInstanceOf(expected.getClass());
        assertThat(actual).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(expected);
    }
}
