package io.natter.router.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.router.testing.ManualTimers;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    private final ManualTimers timers = new ManualTimers();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger deaths = new AtomicInteger();

    private Heartbeat heartbeat(long interval, long timeout) {
        Heartbeat heartbeat = new Heartbeat(timers, interval, timeout, pings::incrementAndGet, deaths::incrementAndGet);
        heartbeat.start();
        return heartbeat;
    }

    @Test
    void pingsEveryIntervalAndKeepsAnAnsweringPeer() {
        Heartbeat heartbeat = heartbeat(1000, 500);
        for (int i = 0; i < 5; i++) {
            timers.advance(1000);
            heartbeat.pong();
        }
        timers.advance(600);
        assertThat(pings.get()).isEqualTo(5);
        assertThat(deaths.get()).isZero();
    }

    @Test
    void givesUpOnAPeerThatStopsAnswering() {
        Heartbeat heartbeat = heartbeat(1000, 500);
        timers.advance(1000);
        heartbeat.pong();
        timers.advance(1000);
        timers.advance(499);
        assertThat(deaths.get()).isZero();
        timers.advance(1);
        assertThat(deaths.get()).isEqualTo(1);
        timers.advance(5000);
        assertThat(pings.get()).isEqualTo(2);
        assertThat(deaths.get()).isEqualTo(1);
    }

    @Test
    void withoutTimeoutOnlyPingsAndWithoutIntervalDoesNothing() {
        heartbeat(1000, 0);
        timers.advance(10_000);
        assertThat(pings.get()).isEqualTo(10);
        assertThat(deaths.get()).isZero();

        pings.set(0);
        new Heartbeat(timers, 0, 500, pings::incrementAndGet, deaths::incrementAndGet).start();
        timers.advance(10_000);
        assertThat(pings.get()).isEqualTo(10);
    }

    @Test
    void stopEndsThePings() {
        Heartbeat heartbeat = heartbeat(1000, 500);
        timers.advance(1000);
        heartbeat.stop();
        timers.advance(5000);
        assertThat(pings.get()).isEqualTo(1);
        assertThat(deaths.get()).isZero();
    }
}
