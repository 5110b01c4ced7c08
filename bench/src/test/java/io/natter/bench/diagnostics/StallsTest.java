package io.natter.bench.diagnostics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The stall probe counts the gaps it was not running, and only after its settling time. */
class StallsTest {

    /** A clock that ticks by 1 µs, with the given gaps (ns) inserted after the given ticks. */
    private static java.util.function.LongSupplier clock(long ticks, long... gapAfterTickAndLength) {
        long[] times = new long[(int) ticks];
        long t = 0;
        int g = 0;
        for (int i = 0; i < ticks; i++) {
            t += 1_000;
            if (g < gapAfterTickAndLength.length && gapAfterTickAndLength[g] == i) {
                t += gapAfterTickAndLength[g + 1];
                g += 2;
            }
            times[i] = t;
        }
        PrimitiveIterator.OfLong it = LongStream.of(times).iterator();
        return it::nextLong;
    }

    @Test
    void gapsAreCountedByLength_longestAndLostTimeKept_andGapsWhileSettlingIgnored() {
        // 1 µs ticks for ~12 ms; settle 1 ms, then measure 10 ms. A 5 ms gap inside the settling
        // time, then gaps of 151 µs, 2.001 ms and 99 µs (under the threshold; each gap is the inserted time plus its 1 µs tick) in the measured time.
        long ms = 1_000_000;
        Stalls s = Stalls.probe(clock(20_000, 100, 5 * ms, 6_000, 150_000, 7_000, 2 * ms, 8_000, 98_000),
                6 * ms, 10 * ms);
        assertThat(s.over100us()).isEqualTo(2);
        assertThat(s.over1ms()).isEqualTo(1);
        assertThat(s.longestNanos()).isEqualTo(2 * ms + 1_000);
        assertThat(s.lostNanos()).isEqualTo(151_000 + 2 * ms + 1_000);
        assertThat(s.lostShare()).isCloseTo(0.2152, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(s.describe()).isEqualTo("gaps ≥ 1 ms: 1 in 0.01 s (≥ 100 µs: 2), longest 2.0 ms, 21.52% of the time lost");
    }

    @Test
    void theChildsLineReadsBackAsTheSameResult() {
        Stalls s = new Stalls(2.0, 52, 3, 1_812_345, 8_200_000);
        assertThat(Stalls.parse(s.line())).isEqualTo(s);
    }

    @Test
    void aProbeInAChildJvmRunsForItsLengthAndReportsConsistentCounts() throws Exception {
        List<Stalls> results = Stalls.onCpus(List.of(), Duration.ofMillis(200));
        assertThat(results).hasSize(1);
        Stalls s = results.get(0);
        assertThat(s.seconds()).isEqualTo(0.2);
        assertThat(s.over1ms()).isLessThanOrEqualTo(s.over100us());
        assertThat(s.lostNanos()).isGreaterThanOrEqualTo(s.over100us() * 100_000).isLessThan(200_000_000);
    }
}
