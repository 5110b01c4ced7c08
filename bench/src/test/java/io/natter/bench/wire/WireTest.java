package io.natter.bench.wire;

import io.natter.wamp.message.Call;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Result;
import io.natter.wamp.message.Yield;
import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.Serializers;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator's hand-built frames are WAMP as the {@code wamp} library reads and writes it. */
class WireTest {

    private static Serializer library(Wire wire) {
        return wire.binary() ? Serializers.MSGPACK : Serializers.JSON;
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack"})
    void handBuiltFramesDecodeAsTheMessagesTheyClaim(String name) throws Exception {
        Wire wire = Wire.named(name);
        Serializer lib = library(wire);
        byte[] payload = new Payload(64).stamp(0x1234_5678_9abcL);
        String text = new String(payload);
        long big = 9_007_199_254_740_000L;

        assertThat(lib.decode(wire.publish(big, "bench.t", payload).getBytes()))
                .isEqualTo(new Publish(big, Map.of(), "bench.t", List.of(text), Map.of()));
        assertThat(lib.decode(wire.call(300, "bench.echo", payload).getBytes()))
                .isEqualTo(new Call(300, Map.of(), "bench.echo", List.of(text), Map.of()));
        assertThat(lib.decode(wire.yield(70_000, payload).getBytes()))
                .isEqualTo(new Yield(70_000, Map.of(), List.of(text), Map.of()));
        assertThat(lib.decode(wire.result(5, payload).getBytes()))
                .isEqualTo(new Result(5, Map.of(), List.of(text), Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack"})
    void typeIdAndStampAreReadFromLibraryFrames(String name) {
        Wire wire = Wire.named(name);
        Serializer lib = library(wire);
        String text = new String(new Payload(1024).stamp(0xfedc_ba98_7654_3210L));
        for (long id : new long[] {0, 1, 127, 128, 255, 256, 65_535, 65_536, 4_294_967_296L, 9_007_199_254_740_991L}) {
            Buffer event = Buffer.buffer(lib.encode(new Event(id, 42, Map.of("publisher", 1L), List.of(text), Map.of())));
            assertThat(wire.type(event)).isEqualTo(36);
            assertThat(wire.secondId(event)).isEqualTo(id);
            assertThat(Payload.readStamp(event)).isEqualTo(0xfedc_ba98_7654_3210L);

            Buffer invocation = Buffer.buffer(lib.encode(new Invocation(id, 7, Map.of(), List.of(text), Map.of())));
            assertThat(wire.type(invocation)).isEqualTo(68);
            assertThat(wire.secondId(invocation)).isEqualTo(id);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack"})
    void aFrameWithoutStampHasNone(String name) {
        Wire wire = Wire.named(name);
        Buffer frame = Buffer.buffer(library(wire).encode(new Result(64, Map.of(), List.of("@not-a-stamp"), Map.of())));
        assertThat(Payload.readStamp(frame)).isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack"})
    void aStampIsCopiedFromOneFrameIntoAnotherPayload(String name) {
        Wire wire = Wire.named(name);
        Buffer call = wire.call(1, "p", new Payload(100).stamp(777));
        Payload echo = new Payload(64);
        assertThat(echo.copyStampFrom(call)).isTrue();
        assertThat(Payload.readStamp(wire.yield(1, echo.bytes()))).isEqualTo(777);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack"})
    void bothStampsTravel_theIntendedTimeAndTheTimeTheMessageLeft(String name) {
        Wire wire = Wire.named(name);
        Buffer call = wire.call(1, "p", new Payload(64).stamp(777, 0x0123_4567_89ab_cdefL));
        Payload echo = new Payload(64);
        assertThat(echo.copyStampFrom(call)).isTrue();
        Buffer result = wire.result(1, echo.bytes());
        int at = Payload.find(result);
        assertThat(Payload.intendedAt(result, at)).isEqualTo(777);
        assertThat(Payload.sentAt(result, at)).isEqualTo(0x0123_4567_89ab_cdefL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack"})
    void aPayloadTooShortForTwoStamps_carriesOnlyTheIntendedTime(String name) {
        Wire wire = Wire.named(name);
        Buffer event = wire.result(1, new Payload(Payload.TWO_STAMPS - 1).stamp(777, 999));
        int at = Payload.find(event);
        assertThat(Payload.intendedAt(event, at)).isEqualTo(777);
        assertThat(Payload.sentAt(event, at)).isEqualTo(Long.MIN_VALUE);
    }
}
