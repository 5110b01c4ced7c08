package io.natter.bench.load;

import io.natter.bench.measure.Proc;

import java.time.Duration;

/**
 * What every scenario run needs: the generator, where the target listens, how to read the
 * target's and the generator's CPU, how many cores each may use, and how long to warm up and
 * measure.
 *
 * @param generator     the generator's sockets
 * @param endpoint      the target
 * @param server        the target's process (null when it runs inside this JVM, e.g. in tests)
 * @param self          this process
 * @param serverCpus    cores the target may use
 * @param generatorCpus cores the generator may use
 * @param warmup        time run before each measured window
 * @param measure       length of each measured window
 */
public record Setup(Generator generator, Endpoint endpoint, Proc server, Proc self, int serverCpus, int generatorCpus,
                    Duration warmup, Duration measure) {

    /** Sleeps without letting an interrupt go unnoticed. */
    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
