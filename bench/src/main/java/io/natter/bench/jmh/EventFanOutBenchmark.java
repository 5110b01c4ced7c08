package io.natter.bench.jmh;

import io.natter.wamp.message.Event;
import io.natter.wamp.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The serialization side of one publication delivered to N subscribers of one subscription
 * (time per publication): the EVENT encoded for each subscriber, encoded once and shared (what
 * the router's {@code OutgoingMessage} does), and encoded once but turned into a text frame per
 * subscriber (a {@code String} re-encoded to UTF-8 for each socket, what a transport that sends
 * text as {@code String} pays).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class EventFanOutBenchmark {

    @Param({"json", "msgpack"})
    public String serializer;

    @Param({"10", "1000"})
    public int subscribers;

    @Param({"64", "1024"})
    public int payload;

    private Serializer codec;
    private Event event;

    @Setup
    public void setUp() {
        codec = Messages.serializer(serializer);
        event = Messages.event(5_170_123_456_789L, payload);
    }

    @Benchmark
    public void encodedPerSubscriber(Blackhole sink) {
        for (int i = 0; i < subscribers; i++) {
            sink.consume(codec.encode(event));
        }
    }

    @Benchmark
    public void encodedOnceShared(Blackhole sink) {
        byte[] frame = codec.encode(event);
        for (int i = 0; i < subscribers; i++) {
            sink.consume(frame);
        }
    }

    /** JSON only: for MessagePack (binary frames) it measures the same as {@link #encodedOnceShared}. */
    @Benchmark
    public void encodedOnceTextPerSubscriber(Blackhole sink) {
        if (codec.binary()) {
            encodedOnceShared(sink);
            return;
        }
        String text = new String(codec.encode(event), StandardCharsets.UTF_8);
        for (int i = 0; i < subscribers; i++) {
            sink.consume(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
