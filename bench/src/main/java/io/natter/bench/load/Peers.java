package io.natter.bench.load;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/** Opening and closing many peers with a bound on how many handshakes are in flight. */
public final class Peers {

    private Peers() {
    }

    /**
     * Opens {@code n} peers, at most {@code concurrency} at a time, and waits for all of them.
     * Throws on the first failure (after closing those already open).
     */
    public static List<Peer> openAll(int n, int concurrency, Duration timeout, IntFunction<Future<Peer>> open) {
        List<Peer> peers = Collections.synchronizedList(new ArrayList<>(n));
        Semaphore slots = new Semaphore(concurrency);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (int i = 0; i < n && failure.get() == null; i++) {
                if (!slots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException("opening " + n + " sessions took over " + timeout);
                }
                open.apply(i).onComplete(ar -> {
                    if (ar.succeeded()) {
                        peers.add(ar.result());
                    } else {
                        failure.compareAndSet(null, ar.cause());
                    }
                    slots.release();
                });
            }
            if (!slots.tryAcquire(concurrency, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("opening " + n + " sessions took over " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failure.get() != null) {
            closeAll(peers);
            Throwable t = failure.get();
            throw new IllegalStateException("a session failed to open: " + t.getMessage(), t);
        }
        return new ArrayList<>(peers);
    }

    /** Closes every peer and waits (briefly) for the closes to go out. */
    public static void closeAll(List<Peer> peers) {
        List<Future<Void>> closes = new ArrayList<>(peers.size());
        synchronized (peers) {
            for (Peer p : peers) {
                closes.add(p.close());
            }
        }
        try {
            Generator.await(Future.join(closes), Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            // A socket the server already dropped cannot be closed cleanly; nothing to do about it.
        }
    }
}
