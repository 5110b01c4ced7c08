package io.natter.app.security;

import io.natter.app.config.AppConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per name and per client address in fixed windows and refuses further
 * attempts once either count is spent. In memory, per instance: with several instances behind a
 * balancer each one throttles on its own, which still bounds guessing to a known rate.
 */
@ApplicationScoped
public class LoginThrottle {

    private final Map<String, Window> byName = new ConcurrentHashMap<>();
    private final Map<String, Window> byAddress = new ConcurrentHashMap<>();
    private final int maxPerName;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock = Clock.systemUTC();

    LoginThrottle(AppConfig config) {
        this.maxPerName = config.login().maxFailuresPerName();
        this.maxPerAddress = config.login().maxFailuresPerAddress();
        this.window = config.login().window();
    }

    /** Seconds until another attempt is allowed for this name and address; 0 when allowed now. */
    public long retryAfterSeconds(String name, String address) {
        Instant now = clock.instant();
        return Math.max(wait(byName.get(name), maxPerName, now), wait(byAddress.get(address), maxPerAddress, now));
    }

    /** Records a failed attempt. */
    public void failed(String name, String address) {
        Instant now = clock.instant();
        byName.compute(name, (k, w) -> count(w, now));
        byAddress.compute(address, (k, w) -> count(w, now));
    }

    private Window count(Window w, Instant now) {
        if (w == null || !now.isBefore(w.end())) {
            return new Window(now.plus(window), 1);
        }
        return new Window(w.end(), w.failures() + 1);
    }

    private static long wait(Window w, int max, Instant now) {
        if (w == null || w.failures() < max || !now.isBefore(w.end())) {
            return 0;
        }
        return Math.max(1, Duration.between(now, w.end()).toSeconds());
    }

    /** Drops finished windows so that the maps stay as small as the current attack. */
    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant now = clock.instant();
        byName.values().removeIf(w -> !now.isBefore(w.end()));
        byAddress.values().removeIf(w -> !now.isBefore(w.end()));
    }

    private record Window(Instant end, int failures) {
    }
}
