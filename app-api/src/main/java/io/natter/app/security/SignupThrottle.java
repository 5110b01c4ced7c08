package io.natter.app.security;

import io.natter.app.config.AppConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Sign-ups per client address in fixed windows, counted before any work (each costs a bcrypt
 * hash when it succeeds); blocks double while the sign-ups go on (see {@link Buckets}). One
 * lock; in memory, per instance.
 */
@ApplicationScoped
public class SignupThrottle {

    private final Buckets byAddress;
    private final InstantSource clock;

    @Inject
    SignupThrottle(AppConfig config) {
        this(config.signup(), InstantSource.system());
    }

    SignupThrottle(AppConfig.Signup c, InstantSource clock) {
        this.byAddress = new Buckets(c.maxPerAddress(), c.window(), c.maxBlock());
        this.clock = clock;
    }

    /** 0 and the attempt counted when the address may sign up now; otherwise the seconds to wait. */
    public synchronized long begin(String address) {
        Instant now = clock.instant();
        long wait = byAddress.check(address, now);
        if (wait == 0) {
            byAddress.add(address, now);
        }
        return wait;
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void purge() {
        byAddress.purge(clock.instant());
    }
}
