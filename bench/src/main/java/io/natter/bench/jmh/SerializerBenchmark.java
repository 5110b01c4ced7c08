package io.natter.bench.jmh;

import io.natter.wamp.message.Event;
import io.natter.wamp.message.Publish;
import java.util.ArrayList;
import java.util.Map;

import io.natter.wamp.message.Message;
import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.WampDecodeException;
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

import java.util.concurrent.TimeUnit;

/** Encode and decode of the messages on the hot path, both serializers, small and 1 KiB payloads. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SerializerBenchmark {

    @Param({"json", "msgpack"})
    public String serializer;

    @Param({"publish", "event", "call", "result"})
    public String message;

    @Param({"64", "1024"})
    public int payload;

    private Serializer codec;
    private Message value;
    private byte[] frame;
    private byte[] publishFrame;

    @Setup
    public void setUp() {
        codec = Messages.serializer(serializer);
        value = Messages.message(message, payload);
        frame = codec.encode(value);
        publishFrame = codec.encode(Messages.message("publish", payload));
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(value);
    }

    @Benchmark
    public Message decode() throws WampDecodeException {
        return codec.decode(frame);
    }

    /**
     * What a broker does per publication: decode the PUBLISH, encode the EVENT with its arguments
     * (copied as received where the serializer keeps them: {@code ReceivedArguments}).
     */
    @Benchmark
    public byte[] forward() throws WampDecodeException {
        Publish p = (Publish) codec.decode(publishFrame);
        return codec.encode(new Event(1, 2, Map.of(), p.args(), p.kwargs()));
    }

    /** {@link #forward} with the arguments encoded from their values (a copy of the list, which keeps no bytes). */
    @Benchmark
    public byte[] forwardReencoded() throws WampDecodeException {
        Publish p = (Publish) codec.decode(publishFrame);
        return codec.encode(new Event(1, 2, Map.of(), new ArrayList<>(p.args()), p.kwargs()));
    }
}
