package io.natter.bench.load;

import io.natter.bench.measure.Window;
import io.natter.bench.wire.Payload;
import io.natter.bench.wire.Wire;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * RPC: one callee that echoes its argument, {@code callers} caller sessions.
 *
 * <p>Saturation is closed-loop, each caller with one call outstanding, so concurrency equals the
 * number of callers. Latency is open-loop at a fixed total rate shared by the callers, from the
 * intended send time stamped in the argument (echoed back by the callee) to the RESULT.
 *
 * <p>On the relay there is no dealer: each caller gets a room with its own stand-in callee
 * socket, which answers a CALL frame with a RESULT frame; the relay forwards both ways, the same
 * two forwards per call a router makes.
 */
public final class Rpc implements AutoCloseable {

    private static final AtomicLong PROCEDURES = new AtomicLong();

    /** What one run calls. */
    public record Config(Wire wire, int callers, int payload) {
        @Override
        public String toString() {
            return wire.shortName() + " " + callers + (callers == 1 ? " caller" : " callers");
        }
    }

    private final Setup setup;
    private final Config config;
    private final String procedure;
    private final List<Peer> callees;
    private final List<Caller> callers = new ArrayList<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final LatencyRecorder latency = new LatencyRecorder();
    private volatile boolean closedLoop;
    private volatile boolean recordLatency;

    private Rpc(Setup setup, Config config) {
        this.setup = setup;
        this.config = config;
        this.procedure = "bench.rpc.echo" + PROCEDURES.incrementAndGet();
        Endpoint ep = setup.endpoint();
        Duration timeout = Duration.ofSeconds(30);
        if (ep.wamp()) {
            callees = Peers.openAll(1, 1, timeout, i -> Peer.open(setup.generator(), ep, config.wire(), Join.ANONYMOUS, "")
                    .compose(p -> p.register(procedure).map(id -> p)));
            List<Peer> peers = Peers.openAll(config.callers(), 16, timeout,
                    i -> Peer.open(setup.generator(), ep, config.wire(), Join.ANONYMOUS, ""));
            peers.forEach(p -> callers.add(new Caller(p)));
        } else {
            callees = new ArrayList<>();
            for (int i = 0; i < config.callers(); i++) {
                String room = procedure + "-" + i;
                callees.addAll(Peers.openAll(1, 1, timeout, k -> Peer.open(setup.generator(), ep, config.wire(), Join.RAW, room)));
                callers.add(new Caller(Peers.openAll(1, 1, timeout,
                        k -> Peer.open(setup.generator(), ep, config.wire(), Join.RAW, room)).get(0)));
            }
        }
        for (Peer callee : callees) {
            Payload echo = new Payload(config.payload());
            Wire wire = config.wire();
            callee.onFrame(frame -> {
                int type = wire.type(frame);
                if (type == 68 || type == 48) {
                    long id = wire.secondId(frame);
                    echo.copyStampFrom(frame);
                    callee.send(type == 68 ? wire.yield(id, echo.bytes()) : wire.result(id, echo.bytes()));
                }
            });
        }
    }

    /** Opens the callee (registered before this returns) and the callers. */
    public static Rpc open(Setup setup, Config config) {
        return new Rpc(setup, config);
    }

    /** Calls per second with each caller keeping one call outstanding. */
    public Window saturate() {
        setup.settle();
        return saturating(() -> setup.window(completed::get));
    }

    /** Keeps every caller calling while {@code body} runs (windows back to back: the warm-up), then stops them. */
    public <T> T saturating(Supplier<T> body) {
        closedLoop = true;
        callers.forEach(c -> c.peer.context().runOnContext(v -> c.callNow()));
        try {
            return body.get();
        } finally {
            closedLoop = false;
            Setup.sleep(Duration.ofMillis(100));
        }
    }

    /**
     * Latency (ns) at a fixed total rate of {@code callsPerSecond}, each caller sending its share
     * with its phase spread over the period (the callers together send one evenly spaced stream).
     */
    public Latency atRate(double callsPerSecond) {
        List<Pacer> pacers = new ArrayList<>();
        double each = Math.max(1, callsPerSecond / callers.size());
        for (Caller c : callers) {
            pacers.add(new Pacer(c.peer.context(), each, intended -> c.call(intended, System.nanoTime()), latency.sendLag(),
                    setup.pacerThread()));
        }
        setup.settle();
        recordLatency = true;
        // One evenly spaced stream of calls: caller k sends k/N of a period after caller 0.
        long origin = System.nanoTime();
        for (int k = 0; k < pacers.size(); k++) {
            Pacer pacer = pacers.get(k);
            pacer.start(origin + pacer.periodNanos() * k / pacers.size());
        }
        try {
            Window w = setup.window(completed::get, latency::reset);
            return latency.latency(w, each * callers.size());
        } finally {
            pacers.forEach(Pacer::stop);
            recordLatency = false;
            Setup.sleep(Duration.ofMillis(200));
        }
    }

    /** Calls answered with RESULT so far, over all phases. */
    public long completed() {
        return completed.get();
    }

    /** Calls answered with ERROR so far. */
    public long errors() {
        return errors.get();
    }

    @Override
    public void close() {
        List<Peer> all = new ArrayList<>(callees);
        callers.forEach(c -> all.add(c.peer));
        Peers.closeAll(all);
    }

    /** One caller session; its state lives on its event loop. */
    private final class Caller {
        final Peer peer;
        final Payload payload = new Payload(config.payload());

        Caller(Peer peer) {
            this.peer = peer;
            Wire wire = config.wire();
            peer.onFrame(frame -> {
                int type = wire.type(frame);
                if (type == 50) {
                    completed.incrementAndGet();
                    if (recordLatency) {
                        latency.record(frame);
                    }
                } else if (type == 8) {
                    errors.incrementAndGet();
                } else {
                    return;
                }
                if (closedLoop) {
                    callNow();
                }
            });
        }

        /** A closed-loop call: due now, leaving now (one clock reading). */
        void callNow() {
            long now = System.nanoTime();
            call(now, now);
        }

        void call(long intended, long sent) {
            peer.send(config.wire().call(peer.nextRequest(), procedure, payload.stamp(intended, sent)));
        }
    }
}
