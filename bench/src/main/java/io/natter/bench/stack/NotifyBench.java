package io.natter.bench.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.natter.bench.measure.Proc;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.WampClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Issue 16's measurement: RabbitMQ publish → WAMP event at the subscriber, through the notifier.
 *
 * <p>A publisher thread puts notifications {@code {"title": "nb <i>", "body": "bench"}} on the
 * exchange {@code <prefix>natter.notifications} with routing key {@code user.<name>} (persistent,
 * no confirms: as another system would), paced open loop: notification <i>i</i> has the intended
 * time {@code start + i/rate} and latency counts from it. The user, subscribed to
 * {@code natter.notify.<name>} in a WAMP session, records intended time → EVENT. Side by side, in
 * the same run and from the same intended times, a plain AMQP consumer (its own exclusive queue
 * bound to the same exchange with the same key, auto-ack) records intended time → receipt: what
 * RabbitMQ itself costs, so that the difference is the notifier's share (app-api's recipient check
 * and inbox write, and the router's publish).
 *
 * <p>The ceiling: a burst published as fast as the publisher goes, timed from its first publish
 * until the subscriber has every event; the notifier's CPU from {@code /proc/<pid>/stat} over
 * the same time gives notifications per notifier core-second (app-api's and the router's CPU are
 * reported beside it).
 */
final class NotifyBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "nb ";

    private final StackServices stack;
    private final WampClient subscriber;
    private final String user;
    private final List<Integer> rates;
    private final int warmupSeconds;
    private final int seconds;
    private final int ceilingCount;

    private final long[] intended;
    private final int[] phaseOf;
    private final boolean[] delivered;
    private final boolean[] tapped;
    private final List<Phase> phases = new ArrayList<>();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile long lastEventNanos;

    static final class Phase {
        final String name;
        final int rate;
        final int first;
        int count;
        final Histogram notified = StackBench.hist();
        final Histogram amqp = StackBench.hist();
        final Histogram sendLate = StackBench.hist();
        final AtomicLong received = new AtomicLong();
        final AtomicLong tapped = new AtomicLong();
        long censored;

        Phase(String name, int rate, int first) {
            this.name = name;
            this.rate = rate;
            this.first = first;
        }
    }

    NotifyBench(StackServices stack, WampClient subscriber, List<Integer> rates, int warmupSeconds, int seconds,
                int ceilingCount) {
        this.stack = stack;
        this.subscriber = subscriber;
        this.user = subscriber.session().authid();
        this.rates = rates;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
        this.ceilingCount = ceilingCount;
        int cap = ceilingCount + 10;
        for (int r : rates) {
            cap += r * (warmupSeconds + seconds) + 10;
        }
        intended = new long[cap];
        phaseOf = new int[cap];
        delivered = new boolean[cap];
        tapped = new boolean[cap];
        Arrays.fill(phaseOf, -1);
    }

    /** Runs the paced phases and the ceiling; answers the report's section (Markdown). */
    String run() throws Exception {
        subscriber.subscribe("natter.notify." + user, this::onEvent)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String exchange = stack.name("natter.notifications");
        String key = "user." + user;
        try (Connection amqp = stack.amqp("natter-stack-bench-notify")) {
            Channel tap = amqp.createChannel();
            String tapQueue = tap.queueDeclare("", false, true, true, Map.of()).getQueue();
            tap.queueBind(tapQueue, exchange, key);
            tap.basicConsume(tapQueue, true, new DefaultConsumer(tap) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                    onTap(body);
                }
            });
            Channel pub = amqp.createChannel();
            int next = 0;
            for (int rate : rates) {
                int warm = next;
                next = paced(pub, exchange, key, rate, warmupSeconds, next, null);
                settle(warm, next, 20);
                Phase phase = new Phase(String.format(Locale.ROOT, "%,d notifications/s", rate), rate, next);
                phases.add(phase);
                next = paced(pub, exchange, key, rate, seconds, next, phase);
                drain(phase, 30);
                StackBench.log("notify %s: %d sent, %d events, %d at the plain consumer; event p50 %s p99 %s max %s;"
                                + " plain consumer p50 %s p99 %s", phase.name, phase.count, phase.received.get(),
                        phase.tapped.get(), StackBench.ms(phase.notified, 50), StackBench.ms(phase.notified, 99),
                        StackBench.ms(phase.notified.getMaxValue()), StackBench.ms(phase.amqp, 50),
                        StackBench.ms(phase.amqp, 99));
            }
            String ceiling = ceiling(pub, exchange, key, next);
            return report(ceiling);
        }
    }

    // ---- paced phases ----

    private int paced(Channel pub, String exchange, String key, int rate, int secs, int first, Phase phase)
            throws IOException {
        int next = OpenLoop.pace(rate, secs, first, intended, phaseOf, phase == null ? -1 : phases.indexOf(phase),
                phase == null ? null : phase.sendLate, idx -> publish(pub, exchange, key, idx));
        if (phase != null) {
            phase.count = next - first;
        }
        return next;
    }

    private static void publish(Channel pub, String exchange, String key, int idx) throws IOException {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).build();
        byte[] body = ("{\"title\":\"" + PREFIX + idx + "\",\"body\":\"bench\"}").getBytes(StandardCharsets.UTF_8);
        pub.basicPublish(exchange, key, props, body);
    }

    private void onEvent(EventDetails e) {
        long now = System.nanoTime();
        if (e.args().isEmpty() || !(e.args().get(0) instanceof Map<?, ?> m)) {
            return;
        }
        int idx = index(m.get("title"));
        if (idx < 0 || idx >= intended.length) {
            return;
        }
        if (!ids.add(String.valueOf(m.get("id"))) || delivered[idx]) {
            duplicates.incrementAndGet();
            return;
        }
        delivered[idx] = true;
        events.incrementAndGet();
        lastEventNanos = now;
        int p = phaseOf[idx];
        if (p >= 0) {
            Phase phase = phases.get(p);
            phase.notified.recordValue(Math.max(0, (now - intended[idx]) / 1000));
            phase.received.incrementAndGet();
        }
    }

    private void onTap(byte[] body) {
        long now = System.nanoTime();
        int idx;
        try {
            JsonNode n = JSON.readTree(body);
            idx = index(n.path("title").asText(null));
        } catch (IOException e) {
            return;
        }
        if (idx < 0 || idx >= intended.length || tapped[idx]) {
            return;
        }
        tapped[idx] = true;
        int p = phaseOf[idx];
        if (p >= 0) {
            Phase phase = phases.get(p);
            phase.amqp.recordValue(Math.max(0, (now - intended[idx]) / 1000));
            phase.tapped.incrementAndGet();
        }
    }

    private static int index(Object title) {
        if (title instanceof String s && s.startsWith(PREFIX)) {
            try {
                return Integer.parseInt(s.substring(PREFIX.length()));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    private void settle(int from, int to, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (int i = to - 1; i >= from; i--) {
                if (!delivered[i]) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return;
            }
            Thread.sleep(50);
        }
        StackBench.log("notify: warm-up events not all delivered after %d s", timeoutSeconds);
    }

    /** Waits for the phase's events; one still missing at the deadline counts with the deadline as its time. */
    private void drain(Phase phase, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline && (phase.received.get() < phase.count || phase.tapped.get() < phase.count)) {
            Thread.sleep(50);
        }
        long now = System.nanoTime();
        for (int i = phase.first; i < phase.first + phase.count; i++) {
            if (!delivered[i]) {
                phaseOf[i] = -1; // an event arriving later is not counted twice
                phase.notified.recordValue((now - intended[i]) / 1000);
                phase.censored++;
            }
        }
        if (phase.censored > 0) {
            StackBench.log("notify %s: %d events missing after %d s, counted at the deadline", phase.name,
                    phase.censored, timeoutSeconds);
        }
    }

    // ---- ceiling ----

    private String ceiling(Channel pub, String exchange, String key, int first) throws Exception {
        Proc notifier = new Proc(stack.service("notifier").pid());
        Proc app = new Proc(stack.service("app-api").pid());
        Proc router = new Proc(stack.service("router").pid());
        int n = ceilingCount;
        long before = events.get();
        double cpu0 = notifier.cpuSeconds();
        double app0 = app.cpuSeconds();
        double router0 = router.cpuSeconds();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int idx = first + i;
            intended[idx] = System.nanoTime();
            publish(pub, exchange, key, idx);
        }
        long published = System.nanoTime();
        long deadline = published + TimeUnit.SECONDS.toNanos(120);
        while (events.get() < before + n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long t1 = events.get() >= before + n ? lastEventNanos : System.nanoTime();
        double cpu = notifier.cpuSeconds() - cpu0;
        double appCpu = app.cpuSeconds() - app0;
        double routerCpu = router.cpuSeconds() - router0;
        long got = events.get() - before;
        double secs = (t1 - t0) / 1e9;
        String line = String.format(Locale.ROOT,
                "%,d of %,d notifications delivered in %.2f s (publishing took %.2f s): %,.0f notifications/s;"
                        + " notifier CPU %.2f s → **%,.0f notifications per notifier core-second**;"
                        + " app-api CPU %.2f s, router CPU %.2f s over the same time",
                got, n, secs, (published - t0) / 1e9, got / secs, cpu, cpu > 0 ? got / cpu : Double.NaN, appCpu,
                routerCpu);
        StackBench.log("notify ceiling: %s", line);
        return line;
    }

    // ---- report ----

    private String report(String ceiling) {
        StringBuilder b = new StringBuilder();
        b.append("| rate | sent | send late p99 | plain AMQP consumer p50 / p99 (baseline) | WAMP event p50 / p99 (through the notifier) | max | added by the notifier p50 / p99 | events / at the plain consumer |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (Phase p : phases) {
            String ge = p.censored > 0 ? "≥ " : "";
            b.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s / %s | %s%s / %s%s | %s | %s / %s | %,d / %,d |%n",
                    p.name, p.count, StackBench.ms(p.sendLate, 99), StackBench.ms(p.amqp, 50), StackBench.ms(p.amqp, 99),
                    ge, StackBench.ms(p.notified, 50), ge, StackBench.ms(p.notified, 99),
                    StackBench.ms(p.notified.getMaxValue()),
                    StackBench.ms(p.notified.getValueAtPercentile(50) - p.amqp.getValueAtPercentile(50)),
                    StackBench.ms(p.notified.getValueAtPercentile(99) - p.amqp.getValueAtPercentile(99)),
                    p.received.get(), p.tapped.get()));
        }
        for (Phase p : phases) {
            if (p.rate == 1000) {
                b.append(String.format(Locale.ROOT, "%nGoal notification p99 < 20 ms at 1,000/s: %s (p99 %s).%n",
                        p.censored == 0 && p.notified.getValueAtPercentile(99) < 20_000 ? "met" : "NOT met",
                        StackBench.ms(p.notified, 99)));
            }
        }
        b.append(String.format(Locale.ROOT, "Events delivered twice (same id or same notification): %d.%n", duplicates.get()));
        b.append("\nNotifier ceiling (burst): ").append(ceiling).append("\n");
        return b.toString();
    }
}
