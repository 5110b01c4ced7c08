package io.natter.app.security;

import io.natter.app.config.AppConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Login throttling that an attacker cannot turn into a lockout of someone else.
 *
 * <p>Every attempt is counted <em>before</em> the password is checked, in the same atomic step
 * that checks the limits, so parallel attempts cannot slip past them; a successful login takes
 * its count back. Three limits, each in fixed windows whose blocks double while the attempts go
 * on (see {@link Buckets}):
 * <ul>
 * <li>per name and client address: the tight one, so guessing from one place stops quickly
 *     and only that place is blocked;</li>
 * <li>per client address, across names: stops one place spraying many names;</li>
 * <li>per name, across addresses: a slower limit against guessing from many places. It does
 *     not apply from an address where that name logged in successfully within
 *     {@code trusted-for}, so a distributed attack slows down new devices of the victim but
 *     never locks the victim out where they already are.</li>
 * </ul>
 *
 * <p>Concurrency: one lock over all state; each call does a few map operations, no I/O. State
 * is per instance (in memory): several instances each throttle on their own.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Addresses remembered per name as trusted; the oldest goes first. */
    private static final int MAX_TRUSTED_PER_NAME = 16;

    private final Buckets byPair;
    private final Buckets byAddress;
    private final Buckets byName;
    private final Duration trustedFor;
    private final InstantSource clock;
    private final Map<String, Map<String, Instant>> trusted = new HashMap<>();

    @Inject
    LoginThrottle(AppConfig config) {
        this(config.login(), InstantSource.system());
    }

    LoginThrottle(AppConfig.Login c, InstantSource clock) {
        this.byPair = new Buckets(c.maxFailuresPerNameAndAddress(), c.window(), c.maxBlock());
        this.byAddress = new Buckets(c.maxFailuresPerAddress(), c.window(), c.maxBlock());
        this.byName = new Buckets(c.maxFailuresPerName(), c.nameWindow(), c.maxBlock());
        this.trustedFor = c.trustedFor();
        this.clock = clock;
    }

    /**
     * Checks the limits for one attempt and, when they allow it, counts it as a failure until
     * {@link #succeeded} or {@link #abandoned} says otherwise.
     *
     * @return 0 when the attempt may go on; otherwise the seconds to wait (nothing was counted)
     */
    public synchronized long begin(String name, String address) {
        Instant now = clock.instant();
        String pair = pair(name, address);
        boolean fromTrusted = isTrusted(name, address, now);
        long wait = Math.max(byPair.check(pair, now), byAddress.check(address, now));
        if (!fromTrusted) {
            wait = Math.max(wait, byName.check(name, now));
        }
        if (wait > 0) {
            return wait;
        }
        byPair.add(pair, now);
        byAddress.add(address, now);
        if (!fromTrusted) {
            byName.add(name, now);
        }
        return 0;
    }

    /** The attempt begun for this name and address was right: it does not count, and the address becomes trusted for the name. */
    public synchronized void succeeded(String name, String address) {
        Instant now = clock.instant();
        byPair.reset(pair(name, address));
        byAddress.refund(address);
        if (!isTrusted(name, address, now)) {
            byName.refund(name);
        }
        Map<String, Instant> addresses = trusted.computeIfAbsent(name, k -> new HashMap<>());
        addresses.put(address, now.plus(trustedFor));
        if (addresses.size() > MAX_TRUSTED_PER_NAME) {
            addresses.entrySet().stream().min(Map.Entry.comparingByValue())
                    .ifPresent(oldest -> addresses.remove(oldest.getKey()));
        }
    }

    /** The attempt begun could not be decided (a backing service failed): it does not count. */
    public synchronized void abandoned(String name, String address) {
        Instant now = clock.instant();
        byPair.refund(pair(name, address));
        byAddress.refund(address);
        if (!isTrusted(name, address, now)) {
            byName.refund(name);
        }
    }

    /** Drops what no longer matters, so that memory stays as small as the current attack. */
    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void purge() {
        Instant now = clock.instant();
        byPair.purge(now);
        byAddress.purge(now);
        byName.purge(now);
        for (Iterator<Map<String, Instant>> it = trusted.values().iterator(); it.hasNext(); ) {
            Map<String, Instant> addresses = it.next();
            addresses.values().removeIf(until -> !now.isBefore(until));
            if (addresses.isEmpty()) {
                it.remove();
            }
        }
    }

    private boolean isTrusted(String name, String address, Instant now) {
        Map<String, Instant> addresses = trusted.get(name);
        Instant until = addresses == null ? null : addresses.get(address);
        return until != null && now.isBefore(until);
    }

    /** Names never contain a newline (they are checked before), so the pair key is unambiguous. */
    private static String pair(String name, String address) {
        return name + "\n" + address;
    }
}
