package io.natter.router.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.natter.router.config.RouterConfig;
import io.natter.router.metrics.RouterMetrics;
import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Goodbye;
import io.natter.wamp.serialization.Serializers;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionOutboundTest {

    /** A connection whose writes complete only when the test says so (a peer that stops reading). */
    private final List<Runnable> pendingWrites = new ArrayList<>();
    private final List<String> written = new ArrayList<>();
    private final List<Close> closes = new ArrayList<>();
    private final List<Runnable> deferred = new ArrayList<>();
    private final AtomicInteger overflows = new AtomicInteger();

    private record Close(int code, String reason) {
    }

    private final FrameSink connection = new FrameSink() {
        @Override
        public void write(byte[] payload, boolean binary, Runnable done) {
            assertThat(binary).isFalse();
            written.add(new String(payload, StandardCharsets.UTF_8));
            if (done != null) {
                pendingWrites.add(done);
            }
        }

        @Override
        public void write(io.netty.buffer.ByteBuf payload, boolean binary, Runnable done) {
            try {
                write(io.netty.buffer.ByteBufUtil.getBytes(payload), binary, done);
            } finally {
                payload.release();
            }
        }

        @Override
        public void ping(Buffer payload) {
            throw new UnsupportedOperationException("ping");
        }

        @Override
        public void pong(io.netty.buffer.ByteBuf payload, Runnable done) {
            try {
                written.add("pong:" + payload.toString(StandardCharsets.UTF_8));
                if (done != null) {
                    pendingWrites.add(done);
                }
            } finally {
                payload.release();
            }
        }

        @Override
        public void close(int code, String reason) {
            closes.add(new Close(code, reason));
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    };

    private final ConnectionOutbound outbound = outbound(3, 1_000);

    private ConnectionOutbound outbound(int maxMessages, long maxBytes) {
        RouterConfig.OutboundQueue limits = new RouterConfig.OutboundQueue() {
            @Override
            public int maxQueuedMessages() {
                return maxMessages;
            }

            @Override
            public long maxQueuedBytes() {
                return maxBytes;
            }
        };
        return new ConnectionOutbound(connection, Serializers.JSON, limits, new RouterMetrics(new SimpleMeterRegistry(), null),
                deferred::add);
    }

    {
        outbound.onOverflow(overflows::incrementAndGet);
    }

    private static Event event(String text) {
        return new Event(1, 2, Map.of(), List.of(text), Map.of());
    }

    @Test
    void withSmallLimitsEveryWriteIsTrackedAndCountedUntilItCompletes() {
        outbound.send(event("a"));
        outbound.send(event("b"));
        assertThat(outbound.queuedMessages()).isEqualTo(2);
        assertThat(outbound.queuedBytes()).isPositive();
        assertThat(pendingWrites).hasSize(2);

        completePendingWrites();
        assertThat(outbound.queuedMessages()).isZero();
        assertThat(outbound.queuedBytes()).isZero();
        assertThat(written).containsExactly("[36,1,2,{},[\"a\"]]", "[36,1,2,{},[\"b\"]]");
    }

    @Test
    void pongsCountAgainstTheQueueAndAPeerThatNeverReadsThemOverflowsIt() {
        outbound.pong(io.netty.buffer.Unpooled.copiedBuffer("p1", StandardCharsets.UTF_8));
        outbound.pong(io.netty.buffer.Unpooled.copiedBuffer("p2", StandardCharsets.UTF_8));
        outbound.send(event("a"));
        assertThat(outbound.queuedMessages()).isEqualTo(3);
        assertThat(deferred).isEmpty();

        io.netty.buffer.ByteBuf refused = io.netty.buffer.Unpooled.copiedBuffer("p3", StandardCharsets.UTF_8);
        outbound.pong(refused);

        assertThat(refused.refCnt()).as("a pong past the bound is released, not queued").isZero();
        assertThat(written).containsExactly("pong:p1", "pong:p2", "[36,1,2,{},[\"a\"]]");
        assertThat(deferred).as("the overflow handler is scheduled").hasSize(1);
        completePendingWrites();
        assertThat(outbound.queuedMessages()).isZero();
    }

    @Test
    void underSteadyTrafficOnlyEveryNthWriteIsTracked() {
        ConnectionOutbound wide = outbound(10_000, 10_000_000);
        int sent = 10 * ConnectionOutbound.TRACK_EVERY;
        for (int i = 0; i < sent; i++) {
            wide.send(event("m" + i));
        }
        assertThat(written).hasSize(sent);
        assertThat(pendingWrites).hasSize(sent / ConnectionOutbound.TRACK_EVERY);
        assertThat(wide.queuedMessages()).isEqualTo(sent);

        completePendingWrites();
        assertThat(wide.queuedMessages()).as("the last write was a tracked one").isZero();

        for (int i = 0; i < ConnectionOutbound.TRACK_EVERY - 1; i++) {
            wide.send(event("tail" + i));
        }
        assertThat(pendingWrites).as("a burst shorter than the interval is not tracked").isEmpty();
        assertThat(wide.queuedMessages()).as("so it counts as queued until a later tracked write completes")
                .isEqualTo(ConnectionOutbound.TRACK_EVERY - 1);
    }

    @Test
    void bigMessagesAreTrackedByTheBytesTheyCarry() {
        ConnectionOutbound wide = outbound(10_000, 10_000_000);
        String tenKiB = "x".repeat(10 * 1024);
        for (int i = 0; i < 20; i++) {
            wide.send(event(tenKiB));
        }
        assertThat(pendingWrites).as("every 7th write of 10 KiB crosses 64 KiB").hasSize(2);
        completePendingWrites();
        assertThat(wide.queuedBytes()).isLessThan(ConnectionOutbound.TRACK_BYTES);
    }

    @Test
    void aPeerThatReadsSlowlyIsBoundedByTheLimitNotByTheTracking() {
        ConnectionOutbound narrow = outbound(2 * ConnectionOutbound.TRACK_EVERY, 10_000_000);
        narrow.onOverflow(overflows::incrementAndGet);
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < ConnectionOutbound.TRACK_EVERY; i++) {
                narrow.send(event("r" + round + "m" + i));
            }
            completePendingWrites();
        }
        assertThat(deferred).as("a reader that keeps up never overflows").isEmpty();

        for (int i = 0; i < 3 * ConnectionOutbound.TRACK_EVERY; i++) {
            narrow.send(event("stuck" + i));
        }
        assertThat(deferred).as("one that stops does").hasSize(1);
        assertThat(narrow.queuedMessages()).isLessThanOrEqualTo(2L * ConnectionOutbound.TRACK_EVERY);
    }

    private void completePendingWrites() {
        List<Runnable> done = new ArrayList<>(pendingWrites);
        pendingWrites.clear();
        done.forEach(Runnable::run);
    }

    @Test
    void aPeerThatStopsReadingOverflowsOnceAndAsynchronously() {
        for (int i = 0; i < 10; i++) {
            outbound.send(event("m" + i));
        }
        assertThat(written).hasSize(3);
        assertThat(overflows).hasValue(0);
        assertThat(deferred).hasSize(1);

        deferred.forEach(Runnable::run);
        assertThat(overflows).hasValue(1);
    }

    @Test
    void theByteBoundCountsToo() {
        outbound.send(event("x".repeat(600)));
        outbound.send(event("y".repeat(600)));
        assertThat(written).hasSize(1);
        assertThat(deferred).hasSize(1);
    }

    @Test
    void completedWritesMakeRoomAgain() {
        for (int i = 0; i < 3; i++) {
            outbound.send(event("m" + i));
        }
        completePendingWrites();
        outbound.send(event("more"));
        assertThat(written).hasSize(4);
        assertThat(deferred).isEmpty();
    }

    @Test
    void closeSendsTheLastMessagePastTheBoundThenClosesOnce() {
        for (int i = 0; i < 3; i++) {
            outbound.send(event("m" + i));
        }
        outbound.close(new Goodbye(Map.of(), WampErrors.SLOW_CONSUMER), 1008, WampErrors.SLOW_CONSUMER);
        outbound.close(null, 1000, "again");
        outbound.send(event("after"));

        assertThat(written).hasSize(4);
        assertThat(written.get(3)).contains(WampErrors.SLOW_CONSUMER);
        assertThat(closes).hasSize(1);
        assertThat(closes.get(0).code()).isEqualTo(1008);
        assertThat(closes.get(0).reason()).isEqualTo(WampErrors.SLOW_CONSUMER);
    }
}
