package io.natter.wamp.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When to try again after the connection is lost: exponential backoff with jitter.
 *
 * <p>Attempt {@code n} (1-based, counted from the last successful join) waits
 * {@code cap(n) * (1 - jitter * r)} where {@code cap(n) = min(maxDelay, initialDelay * multiplier^(n-1))}
 * and {@code r} is uniform in [0, 1). A {@code jitter} of 1 is "full jitter" (uniform in
 * [0, cap)), which spreads the reconnects of many clients after a router restart; 0 makes the
 * delays deterministic.
 *
 * @param initialDelay delay before the first attempt, before jitter
 * @param maxDelay     upper bound of the delay, before jitter
 * @param multiplier   growth factor per attempt, at least 1
 * @param jitter       fraction of the delay that is randomized, in [0, 1]
 * @param maxAttempts  attempts per outage before giving up, or {@link #UNLIMITED}; 0 never reconnects
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter, int maxAttempts) {

    /** {@link #maxAttempts} value for "retry for ever". */
    public static final int UNLIMITED = -1;

    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay, got " + initialDelay + ", " + maxDelay);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1], got " + jitter);
        }
        if (maxAttempts < UNLIMITED) {
            throw new IllegalArgumentException("maxAttempts must be >= 0 or UNLIMITED, got " + maxAttempts);
        }
    }

    /** Never reconnect: a lost connection stays lost. */
    public static ReconnectPolicy none() {
        return new ReconnectPolicy(Duration.ZERO, Duration.ZERO, 1.0, 0.0, 0);
    }

    /** The default for services: 500 ms doubling up to 30 s, full jitter, for ever. */
    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 1.0, UNLIMITED);
    }

    /** This policy with another attempt limit. */
    public ReconnectPolicy withMaxAttempts(int attempts) {
        return new ReconnectPolicy(initialDelay, maxDelay, multiplier, jitter, attempts);
    }

    /** This policy with another jitter fraction. */
    public ReconnectPolicy withJitter(double fraction) {
        return new ReconnectPolicy(initialDelay, maxDelay, multiplier, fraction, maxAttempts);
    }

    /** Whether attempt {@code attempt} (1-based) may be made. */
    public boolean allows(int attempt) {
        return attempt >= 1 && (maxAttempts == UNLIMITED || attempt <= maxAttempts);
    }

    /** The capped delay of attempt {@code attempt} (1-based) before jitter. */
    public Duration cap(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based, got " + attempt);
        }
        double millis = initialDelay.toMillis() * Math.pow(multiplier, attempt - 1);
        long max = maxDelay.toMillis();
        return Duration.ofMillis(millis >= max ? max : (long) millis);
    }

    /** The delay before attempt {@code attempt} (1-based), with {@code random} uniform in [0, 1). */
    public Duration delay(int attempt, DoubleSupplier random) {
        long cap = cap(attempt).toMillis();
        double r = random.getAsDouble();
        return Duration.ofMillis(Math.round(cap * (1.0 - jitter * r)));
    }
}
