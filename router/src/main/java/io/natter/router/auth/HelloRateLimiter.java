package io.natter.router.auth;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Limits HELLO attempts per peer address and per authid, before any authenticator is asked: a
 * token bucket per key that holds {@code limit} attempts and refills {@code limit} per
 * {@code window}. A refused attempt takes no token, so a client that keeps hammering stays
 * refused only until the bucket refills.
 *
 * <p>Memory is bounded: buckets that refilled completely carry no information and are dropped
 * when the map grows past {@code maxKeys}; if every bucket is still busy the map is cleared
 * (an attacker spraying keys then only resets limits, it never exhausts memory).
 *
 * <p>Thread-safe; never blocks (a bucket is updated under its own monitor for a few
 * arithmetic operations).
 */
public final class HelloRateLimiter {

    /** What a HELLO may do. */
    public enum Verdict { ALLOWED, ADDRESS_LIMITED, AUTHID_LIMITED }

    private static final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }

        synchronized boolean take(double capacity, double perNano, long now) {
            refill(capacity, perNano, now);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized void giveBack() {
            tokens += 1;
        }

        synchronized boolean isFull(double capacity, double perNano, long now) {
            refill(capacity, perNano, now);
            return tokens >= capacity;
        }

        private void refill(double capacity, double perNano, long now) {
            long elapsed = Math.max(0, now - updatedNanos);
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            updatedNanos = now;
        }
    }

    private final int perAddress;
    private final int perAuthid;
    private final double perNano;
    private final int maxKeys;
    private final LongSupplier nanoClock;
    private final Set<String> exempt;
    private final Map<String, Bucket> addresses = new ConcurrentHashMap<>();
    private final Map<String, Bucket> authids = new ConcurrentHashMap<>();

    /**
     * @param perAddress HELLOs allowed per peer address and window; 0 turns the address limit off
     * @param perAuthid HELLOs allowed per authid and window; 0 turns the authid limit off
     * @param window the refill window
     * @param maxKeys most addresses (and most authids) tracked at once
     * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime})
     */
    public HelloRateLimiter(int perAddress, int perAuthid, Duration window, int maxKeys, LongSupplier nanoClock) {
        this(perAddress, perAuthid, window, maxKeys, nanoClock, Set.of());
    }

    /**
     * @param exempt peer addresses never limited (by default the loopback addresses: local workers
     *     and tests)
     */
    public HelloRateLimiter(int perAddress, int perAuthid, Duration window, int maxKeys, LongSupplier nanoClock, Set<String> exempt) {
        if (perAddress < 0 || perAuthid < 0 || maxKeys < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("rate limits must be non-negative, the window and key bound positive");
        }
        this.perAddress = perAddress;
        this.perAuthid = perAuthid;
        this.perNano = 1.0 / window.toNanos();
        this.maxKeys = maxKeys;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.exempt = Set.copyOf(exempt);
    }

    /** A limiter that allows everything. */
    public static HelloRateLimiter unlimited() {
        return new HelloRateLimiter(0, 0, Duration.ofSeconds(1), 1, System::nanoTime);
    }

    /**
     * Counts one HELLO from {@code address} (the peer's IP, without port) for {@code authid}
     * (null when the client named none).
     */
    public Verdict attempt(String address, String authid) {
        if (address != null && exempt.contains(address)) {
            return Verdict.ALLOWED;
        }
        long now = nanoClock.getAsLong();
        Bucket byAddress = null;
        if (perAddress > 0 && address != null) {
            byAddress = bucket(addresses, address, perAddress, now);
            if (!byAddress.take(perAddress, perAddress * perNano, now)) {
                return Verdict.ADDRESS_LIMITED;
            }
        }
        if (perAuthid > 0 && authid != null) {
            Bucket byAuthid = bucket(authids, authid, perAuthid, now);
            if (!byAuthid.take(perAuthid, perAuthid * perNano, now)) {
                if (byAddress != null) {
                    byAddress.giveBack();
                }
                return Verdict.AUTHID_LIMITED;
            }
        }
        return Verdict.ALLOWED;
    }

    /** Keys tracked now (addresses + authids), for tests. */
    int trackedKeys() {
        return addresses.size() + authids.size();
    }

    private Bucket bucket(Map<String, Bucket> buckets, String key, int capacity, long now) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= maxKeys) {
            evictIdle(buckets, capacity, now);
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
    }

    private void evictIdle(Map<String, Bucket> buckets, int capacity, long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext();) {
            if (it.next().isFull(capacity, capacity * perNano, now)) {
                it.remove();
            }
        }
        if (buckets.size() >= maxKeys) {
            buckets.clear();
        }
    }

    /** The address part of a Crossbar-style peer ({@code tcp4:1.2.3.4:5678} → {@code 1.2.3.4}). */
    public static String addressOf(String peer) {
        if (peer == null) {
            return null;
        }
        String rest = peer.startsWith("tcp4:") || peer.startsWith("tcp6:") ? peer.substring(5) : peer;
        int port = rest.lastIndexOf(':');
        return port > 0 ? rest.substring(0, port) : rest;
    }
}
