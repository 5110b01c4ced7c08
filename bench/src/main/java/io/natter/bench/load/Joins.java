package io.natter.bench.load;

import io.natter.bench.measure.Snapshot;
import io.natter.bench.measure.Window;
import io.natter.bench.wire.Wire;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Session opening: many idle sessions held open at once (memory per session, join rate), and
 * join/leave churn (each worker opens a session, joins, drops it, again), with or without
 * WAMP-CRA.
 */
public final class Joins {

    private Joins() {
    }

    /** Idle sessions held open: the sessions and the window their opening took. */
    public record Held(List<Peer> peers, Window window) {
        /** Drops every session. */
        public void close() {
            Peers.closeAll(peers);
        }
    }

    /**
     * Opens {@code n} sessions that then sit idle, at most {@code concurrency} handshakes in
     * flight. The window counts sessions over the time it took to open them all.
     */
    public static Held hold(Setup setup, Wire wire, int n, int concurrency) {
        Endpoint ep = setup.endpoint();
        Join join = ep.wamp() ? Join.ANONYMOUS : Join.RAW;
        Snapshot a = Snapshot.take(0, setup.server(), setup.self());
        List<Peer> peers = Peers.openAll(n, concurrency, Duration.ofSeconds(120),
                i -> Peer.open(setup.generator(), ep, wire, join, "idle-" + i));
        Snapshot b = Snapshot.take(peers.size(), setup.server(), setup.self());
        return new Held(peers, Window.between(a, b));
    }

    /**
     * Join/leave churn for the setup's warm-up plus measure time: {@code concurrency} workers,
     * each opening a socket, joining as {@code join}, closing, and again. The window counts
     * completed joins.
     */
    public static Window churn(Setup setup, Endpoint endpoint, Wire wire, Join join, int concurrency) {
        try (Churning c = start(setup, endpoint, wire, join, concurrency)) {
            return c.window();
        }
    }

    /** Starts join/leave churn (after the setup has settled) that runs until it is closed. */
    public static Churning start(Setup setup, Endpoint endpoint, Wire wire, Join join, int concurrency) {
        Churn churn = new Churn(setup, endpoint, wire, join);
        setup.settle();
        for (int i = 0; i < concurrency; i++) {
            churn.next();
        }
        return new Churning(churn);
    }

    /** Join/leave churn running; each {@link #window()} measures it once more. */
    public static final class Churning implements AutoCloseable {
        private final Churn churn;

        private Churning(Churn churn) {
            this.churn = churn;
        }

        /** One window of the setup's warm-up plus measure time; fails if nothing could join. */
        public Window window() {
            Window w = churn.setup.window(churn.joined::get);
            if (churn.joined.get() == 0 && churn.failed.get() > 0) {
                Throwable t = churn.lastFailure.get();
                throw new IllegalStateException("no session could join: " + (t == null ? "?" : t.getMessage()), t);
            }
            return w;
        }

        /** Stops the workers and lets their last sockets close. */
        @Override
        public void close() {
            churn.running = false;
            Setup.sleep(Duration.ofMillis(300));
        }
    }

    private static final class Churn {
        final Setup setup;
        final Endpoint endpoint;
        final Wire wire;
        final Join join;
        final AtomicLong joined = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicReference<Throwable> lastFailure = new AtomicReference<>();
        volatile boolean running = true;

        Churn(Setup setup, Endpoint endpoint, Wire wire, Join join) {
            this.setup = setup;
            this.endpoint = endpoint;
            this.wire = wire;
            this.join = join;
        }

        void next() {
            if (!running) {
                return;
            }
            Peer.open(setup.generator(), endpoint, wire, join, "churn").onComplete(ar -> {
                if (ar.succeeded()) {
                    joined.incrementAndGet();
                    ar.result().close().onComplete(c -> next());
                } else {
                    failed.incrementAndGet();
                    lastFailure.set(ar.cause());
                    // A refused join must not turn into a tight loop.
                    setup.generator().vertx().setTimer(10, t -> next());
                }
            });
        }
    }
}
