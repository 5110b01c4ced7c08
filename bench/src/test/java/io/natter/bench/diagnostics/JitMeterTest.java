package io.natter.bench.diagnostics;

import io.natter.bench.measure.Proc;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JIT meter reads a JVM's compiler threads, and nothing where there are none. */
class JitMeterTest {

    @Test
    void thisJvmsCompilerThreadsAreFoundAndMetered() throws InterruptedException {
        assertThat(JitMeter.compilerRunNanos(Proc.self())).isPositive();
        JitMeter meter = new JitMeter(Proc.self());
        assertThat(meter.share()).isNaN();
        // Over a window, as the warm-up reads it: a running thread's schedstat is brought up to date
        // only at a tick or a switch, so two readings microseconds apart can show a share of 4 or more.
        Thread.sleep(200);
        double share = meter.share();
        assertThat(share).isBetween(0.0, 2.0);
    }

    @Test
    void aProcessWithoutCompilerThreads_readsAsUnknown() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            Proc proc = new Proc(sleep.pid());
            assertThat(proc.runNanos()).isNotNegative();
            assertThat(JitMeter.compilerRunNanos(proc)).isEqualTo(-1);
            JitMeter meter = new JitMeter(proc);
            meter.share();
            assertThat(meter.share()).isNaN();
        } finally {
            sleep.destroy();
        }
    }

    @Test
    void noProcessAtAll_readsAsUnknown() {
        JitMeter meter = new JitMeter(null);
        meter.share();
        assertThat(meter.share()).isNaN();
    }
}
