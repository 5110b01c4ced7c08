package io.natter.bench.diagnostics;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A pacer's thread gets 1 ns of timer slack, and only that thread. */
class TimerSlackTest {

    private static String slackOf(Path threadSelf) throws Exception {
        return Files.readString(Path.of("/proc", threadSelf.getFileName().toString(), "timerslack_ns")).trim();
    }

    @Test
    void tighteningSetsTheCallingThreadsSlackToOneNanosecond_andLeavesOtherThreadsAlone() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self")), "Linux /proc only");
        Path caller = Files.readSymbolicLink(Path.of("/proc/thread-self"));
        String callerBefore = slackOf(caller);
        AtomicReference<String> inside = new AtomicReference<>();
        AtomicReference<Boolean> set = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                set.set(TimerSlack.tighten());
                inside.set(slackOf(Files.readSymbolicLink(Path.of("/proc/thread-self"))));
            } catch (Exception e) {
                inside.set(e.toString());
            }
        });
        t.start();
        t.join();
        assumeTrue(set.get(), "the kernel refused the write");
        assertThat(inside.get()).isEqualTo("1");
        assertThat(slackOf(caller)).isEqualTo(callerBefore);
    }
}
