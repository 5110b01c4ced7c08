package io.natter.bench;

import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.stream.DoubleStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up runs a load until it has stopped getting faster, within its bounds. */
class WarmTest {

    private static List<Double> warm(double... rates) {
        Iterator<Double> it = DoubleStream.of(rates).boxed().iterator();
        return Suite.warm(it::next);
    }

    @Test
    void aLoadStillRisingAfterOneFlatWindowIsWarmedOn() {
        // The run that taught it: +9% in one half-second, 2× in the next.
        assertThat(warm(13, 42, 81, 183, 200, 400, 800, 1500, 1450, 1480, 1490, 9999))
                .containsExactly(13.0, 42.0, 81.0, 183.0, 200.0, 400.0, 800.0, 1500.0, 1450.0, 1480.0, 1490.0);
    }

    @Test
    void twoFlatWindowsOnANoisyMachineDoNotEndIt() {
        assertThat(warm(886, 934, 1334, 987, 1223, 1700, 1650, 1690, 1710, 9999)).hasSize(9);
    }

    @Test
    void aLoadFlatFromTheStartStopsAfterTheMinimum() {
        assertThat(warm(100, 100, 100, 100, 100, 100)).hasSize(Suite.WARM_FLAT + 1);
    }

    @Test
    void aLoadThatNeverSettlesStopsAtTheMaximum() {
        double[] rising = DoubleStream.iterate(1, r -> r * 1.2).limit(Suite.WARM_MAX + 5).toArray();
        assertThat(warm(rising)).hasSize(Suite.WARM_MAX);
    }
}
