package io.natter.bench.load;

import io.natter.bench.measure.Window;
import io.natter.bench.wire.Payload;
import io.natter.bench.wire.Wire;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Pub/sub fan-out: one publisher, {@code fanout} subscribers of one topic (on the relay: one
 * room), a payload of one string argument of {@code payload} bytes.
 *
 * <p>Saturation is measured closed-loop: the publisher keeps at most a window of publications
 * not yet delivered to every subscriber ({@code published - delivered / fanout}), so the router's
 * queues stay bounded and the figure is what it sustains, not what it buffers. Latency is
 * measured open-loop at a fixed rate, from the intended send time stamped in the payload to its
 * arrival at each subscriber.
 */
public final class PubSub implements AutoCloseable {

    private static final AtomicLong TOPICS = new AtomicLong();
    private static final Duration STALL = Duration.ofMillis(500);

    /** What one run publishes. */
    public record Config(Wire wire, int fanout, int payload) {
        @Override
        public String toString() {
            return wire.shortName() + " 1→" + fanout + " " + (payload >= 1024 ? payload / 1024 + " KiB" : payload + " B");
        }
    }

    private final Setup setup;
    private volatile Config config;
    private final String topic;
    private final List<Peer> subscribers;
    private final Peer publisher;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicBoolean parked = new AtomicBoolean();
    private final LatencyRecorder latency = new LatencyRecorder();
    private volatile Payload payload;
    private final long window;
    private volatile boolean running;
    private volatile boolean recordLatency;
    private long stalls;

    private PubSub(Setup setup, Config config) {
        this.setup = setup;
        this.config = config;
        this.topic = "bench.pubsub.t" + TOPICS.incrementAndGet();
        this.payload = new Payload(config.payload());
        this.window = Math.max(4, Math.min(256, 8192 / config.fanout()));
        Endpoint ep = setup.endpoint();
        Join join = ep.wamp() ? Join.ANONYMOUS : Join.RAW;
        String room = "pubsub-" + topic;
        Duration timeout = Duration.ofSeconds(30 + config.fanout() / 50);
        this.subscribers = Peers.openAll(config.fanout(), 128, timeout, i ->
                Peer.open(setup.generator(), ep, config.wire(), join, room)
                        .compose(p -> ep.wamp() ? p.subscribe(topic).map(id -> p) : io.vertx.core.Future.succeededFuture(p)));
        this.publisher = Peers.openAll(1, 1, timeout, i -> Peer.open(setup.generator(), ep, config.wire(), join, room)).get(0);
        for (Peer s : subscribers) {
            s.onFrame(frame -> {
                if (recordLatency) {
                    latency.record(frame);
                }
                long d = delivered.incrementAndGet();
                if (parked.get() && published.get() - d / config.fanout() <= window / 2 && parked.compareAndSet(true, false)) {
                    publisher.context().runOnContext(v -> pump());
                }
            });
        }
    }

    /** Opens the subscribers and the publisher (subscriptions confirmed before this returns). */
    public static PubSub open(Setup setup, Config config) {
        return new PubSub(setup, config);
    }

    /**
     * Switches to payloads of {@code bytes} for the next runs, keeping the sessions (call it
     * between runs only).
     */
    public PubSub withPayload(int bytes) {
        payload = new Payload(bytes);
        config = new Config(config.wire(), config.fanout(), bytes);
        return this;
    }

    /** The current configuration. */
    public Config config() {
        return config;
    }

    /** Events delivered per second at saturation, with the CPU it took. */
    public Window saturate() {
        setup.settle();
        return saturating(() -> setup.window(delivered::get));
    }

    /**
     * Keeps the closed loop running while {@code body} runs (windows taken back to back, as the
     * warm-up does: the server compiles under load without a pause between windows), then stops it.
     */
    public <T> T saturating(Supplier<T> body) {
        running = true;
        publisher.context().runOnContext(v -> pump());
        long stallCheck = setup.generator().vertx().setPeriodic(STALL.toMillis(), id -> unstick());
        try {
            return body.get();
        } finally {
            running = false;
            setup.generator().vertx().cancelTimer(stallCheck);
            Setup.sleep(Duration.ofMillis(100));
        }
    }

    /** Latency (ns) at a fixed rate of {@code eventsPerSecond} deliveries. */
    public Latency atRate(double eventsPerSecond) {
        return atRate(eventsPerSecond, setup.measure());
    }

    /** {@link #atRate(double)} measured over {@code length}. */
    public Latency atRate(double eventsPerSecond, Duration length) {
        double publications = Math.max(1, eventsPerSecond / config.fanout());
        Pacer pacer = new Pacer(publisher.context(), publications, intended -> publishStamped(intended, System.nanoTime()), latency.sendLag(),
                setup.pacerThread());
        setup.settle();
        recordLatency = true;
        pacer.start();
        try {
            Window w = setup.window(delivered::get, latency::reset, length);
            return latency.latency(w, publications * config.fanout());
        } finally {
            pacer.stop();
            recordLatency = false;
            Setup.sleep(Duration.ofMillis(100));
        }
    }

    /** Events delivered so far, over all subscribers and phases. */
    public long delivered() {
        return delivered.get();
    }

    /** How many times the window was forced open because deliveries stopped (lost events). */
    public long stalls() {
        return stalls;
    }

    // Publisher's event loop only.
    private void pump() {
        while (running) {
            long outstanding = published.get() - delivered.get() / config.fanout();
            if (outstanding >= window) {
                parked.set(true);
                if (published.get() - delivered.get() / config.fanout() < window && parked.compareAndSet(true, false)) {
                    continue;
                }
                return;
            }
            if (publisher.writeQueueFull()) {
                publisher.drainHandler(v -> pump());
                return;
            }
            long now = System.nanoTime();
            publishStamped(now, now);
        }
    }

    /** Publishes stamped with its intended send time and the time it leaves (the same, closed-loop). */
    private void publishStamped(long intended, long sent) {
        publisher.send(config.wire().publish(publisher.nextRequest(), topic, payload.stamp(intended, sent)));
        published.incrementAndGet();
    }

    private long lastDelivered = -1;

    // A router that drops events would leave the window shut forever: forgive what is missing.
    private void unstick() {
        long d = delivered.get();
        if (running && parked.get() && d == lastDelivered) {
            stalls++;
            published.set(d / config.fanout());
            if (parked.compareAndSet(true, false)) {
                publisher.context().runOnContext(v -> pump());
            }
        }
        lastDelivered = d;
    }

    @Override
    public void close() {
        List<Peer> all = new ArrayList<>(subscribers);
        all.add(publisher);
        Peers.closeAll(all);
    }
}
