package io.natter.app.security;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Attempts counted per key in fixed windows. Once a key has spent {@code max} attempts in its
 * window, the next check blocks it for one window; each block that follows within
 * {@code maxBlock} of the previous one lasts twice as long as it did, up to {@code maxBlock}.
 *
 * <p>Not thread-safe: the owner calls every method under one lock, so that checking and
 * counting several keys is one atomic step.
 */
final class Buckets {

    private final int max;
    private final Duration window;
    private final Duration maxBlock;
    private final Map<String, Bucket> buckets = new HashMap<>();

    Buckets(int max, Duration window, Duration maxBlock) {
        if (max < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a limit needs max >= 1 and a positive window");
        }
        this.max = max;
        this.window = window;
        this.maxBlock = maxBlock.compareTo(window) < 0 ? window : maxBlock;
    }

    private static final class Bucket {
        int count;
        Instant windowEnd;
        Instant blockedUntil = Instant.MIN;
        int strikes;
    }

    /** Seconds {@code key} must wait before its next attempt (blocking it now if its count is spent); 0 when it may go. */
    long check(String key, Instant now) {
        Bucket b = buckets.get(key);
        if (b == null) {
            return 0;
        }
        if (now.isBefore(b.blockedUntil)) {
            return seconds(now, b.blockedUntil);
        }
        if (!now.isBefore(b.windowEnd) || b.count < max) {
            return 0;
        }
        // A block that follows the previous one closely grows; after a quiet spell it starts small again.
        boolean repeat = b.strikes > 0 && !now.isAfter(b.blockedUntil.plus(maxBlock));
        b.strikes = repeat ? Math.min(b.strikes + 1, 30) : 1;
        Duration block = window.multipliedBy(1L << Math.min(b.strikes - 1, 20));
        if (block.compareTo(maxBlock) > 0) {
            block = maxBlock;
        }
        b.blockedUntil = now.plus(block);
        b.windowEnd = b.blockedUntil;
        b.count = 0;
        return seconds(now, b.blockedUntil);
    }

    /** Counts one attempt of {@code key}. */
    void add(String key, Instant now) {
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket());
        if (b.windowEnd == null || !now.isBefore(b.windowEnd)) {
            b.count = 0;
            b.windowEnd = now.plus(window);
        }
        b.count++;
    }

    /** Takes back one attempt of {@code key} (it turned out not to count). */
    void refund(String key) {
        Bucket b = buckets.get(key);
        if (b != null && b.count > 0) {
            b.count--;
        }
    }

    /** Forgets {@code key}'s count and strikes (its owner proved who they are). */
    void reset(String key) {
        buckets.remove(key);
    }

    /** Drops keys with nothing left to remember: window over, not blocked, strikes expired. */
    void purge(Instant now) {
        buckets.values().removeIf(b -> !now.isBefore(b.windowEnd)
                && (b.strikes == 0 || now.isAfter(b.blockedUntil.plus(maxBlock))));
    }

    /** Keys remembered (for tests and metrics). */
    int size() {
        return buckets.size();
    }

    private static long seconds(Instant now, Instant until) {
        return Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
    }
}
