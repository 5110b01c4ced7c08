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
        return WarmUp.warm(it::next, WarmUp.WARM_MAX, () -> Double.NaN).rates();
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
        assertThat(warm(100, 100, 100, 100, 100, 100)).hasSize(WarmUp.WARM_FLAT + 1);
    }

    @Test
    void aLoadThatNeverSettlesStopsAtTheMaximum() {
        double[] rising = DoubleStream.iterate(1, r -> r * 1.2).limit(WarmUp.WARM_MAX + 5).toArray();
        assertThat(warm(rising)).hasSize(WarmUp.WARM_MAX);
    }

    @Test
    void aFlatCurveWhileTheServersJitIsBusy_isWarmedOnUntilTheJitIsDone() {
        Iterator<Double> rates = DoubleStream.of(100, 100, 100, 100, 100, 100, 100, 300, 300, 300, 300, 300).boxed().iterator();
        // The JIT meter's first reading is the baseline (NaN); then one reading per window.
        Iterator<Double> jit = DoubleStream.of(Double.NaN, 0.5, 0.5, 0.5, 0.5, 0.5, 0.45, 0.3, 0.05, 0.02, 0.01, 0.0, 0.0).boxed().iterator();
        WarmUp.Curve curve = WarmUp.warm(rates::next, WarmUp.WARM_MAX, jit::next);
        // Flat from the fourth window on, but compiling until the eighth; then two flat windows with the JIT idle.
        assertThat(curve.rates()).hasSize(10);
        assertThat(curve.toString()).startsWith("100.00 (JIT 50%) 100.00 (JIT 50%)").endsWith("300.00 (JIT 2%) 300.00 (JIT 1%)");
    }

    @Test
    void withTheJitIdle_twoFlatWindowsEndIt_withoutAMeterItTakesThree() {
        assertThat(WarmUp.warm(() -> 100, WarmUp.WARM_MAX, () -> 0.01).rates()).hasSize(WarmUp.WARM_MIN);
        Iterator<Double> rates = DoubleStream.of(10, 20, 40, 80, 100, 100, 100, 100, 100).boxed().iterator();
        assertThat(WarmUp.warm(rates::next, WarmUp.WARM_MAX, () -> 0.01).rates()).hasSize(7);
        Iterator<Double> again = DoubleStream.of(10, 20, 40, 80, 100, 100, 100, 100, 100).boxed().iterator();
        assertThat(WarmUp.warm(again::next, WarmUp.WARM_MAX, () -> Double.NaN).rates()).hasSize(8);
    }

    @Test
    void aJitStillBusyAtTheMaximum_stopsThereAnyway() {
        WarmUp.Curve curve = WarmUp.warm(() -> 100, 6, () -> 0.5);
        assertThat(curve.rates()).hasSize(6);
    }
}
