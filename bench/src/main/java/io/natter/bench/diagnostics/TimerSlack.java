package io.natter.bench.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calling thread's timer slack on Linux: how much later than asked the kernel may fire its
 * timers, so that it can group wake-ups. The default is 50 µs, which every paced send would
 * carry as generator lag; a pacer's thread asks for 1 ns instead.
 */
public final class TimerSlack {

    private static final ThreadLocal<Boolean> TIGHTENED = ThreadLocal.withInitial(() -> false);

    private TimerSlack() {
    }

    /**
     * Sets the calling thread's timer slack to 1 ns, once per thread; returns whether it is set.
     * Where the kernel has no {@code /proc/<tid>/timerslack_ns} or refuses the write, the slack
     * stays as it was (the lag histograms then show it).
     */
    public static boolean tighten() {
        if (TIGHTENED.get()) {
            return true;
        }
        try {
            // "/proc/thread-self" links to "<pid>/task/<tid>"; the slack file is /proc/<tid>/timerslack_ns.
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            Files.writeString(Path.of("/proc", self.getFileName().toString(), "timerslack_ns"), "1");
            TIGHTENED.set(true);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
