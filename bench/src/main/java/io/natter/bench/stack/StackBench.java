package io.natter.bench.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natter.bench.measure.Proc;
import io.natter.testsupport.ServiceProcess;
import io.natter.wamp.auth.Secret;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.Subscription;
import io.natter.wamp.client.WampClient;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The whole stack's storage lag and presence latency, measured once ({@code bin/bench stack}).
 *
 * <ol>
 * <li>Storage lag: one WAMP-CRA user publishes chat messages on {@code natter.thread.<t>} from a
 * thread of its own, paced open loop (each message has an intended time {@code start + i/rate};
 * latency counts from it). A poller reads {@code messages} of the run's database
 * ({@code seq > last}, by thread; seq is dense and taken under the thread's row lock, so rows
 * become visible in seq order) and records, per row, the time it saw the row minus the intended
 * time of the message (its index is in the text; the row's publication id must be the one the
 * router gave the same message to the baseline subscriber). Side by side in the same run, a second
 * member subscribed to the topic records publish → EVENT for the same messages: the router's own
 * delivery, the baseline; and a plain AMQP consumer of {@code natter.messages} (a queue of its own)
 * records publish → in RabbitMQ: what router, listener and broker add before app-api's share.
 * <li>The listener's ceiling: a closed-loop burst (publish with acknowledge, a bounded window),
 * timed until the listener's {@code natter_listener_messages_forwarded_total} has counted all of
 * it, and the listener process's CPU seconds from {@code /proc/<pid>/stat} over the same time.
 * <li>Presence: a member subscribes to the thread's topic (its only subscription to it), a
 * watcher waits for the {@code joined} event, then the member unsubscribes; latency is
 * unsubscribe sent → {@code left} event at the watcher.
 * <li>Notifications (issue 16, {@link NotifyBench}): RabbitMQ publish → WAMP event through the
 * notifier, beside a plain AMQP consumer of the same messages, and the notifier's ceiling.
 * </ol>
 */
public final class StackBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INDEX = Pattern.compile("^sb (\\d+)$");

    private final Options opt;
    private final StackServices stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Vertx vertx = Vertx.vertx();

    /** Intended send time (nanoTime) of message i. */
    private final long[] intended;
    /** Phase of message i: -1 warm-up (not recorded), else index into {@link #phases}. */
    private final int[] phaseOf;
    /** Publication id the baseline subscriber saw for message i (0: not yet). */
    private final long[] publicationOf;
    /** Whether message i's row was seen. */
    private final boolean[] storedFlag;
    /** When message i reached the baseline subscriber, the plain AMQP consumer, the poller (nanoTime; 0: not). */
    private final long[] eventAt;
    private final long[] tappedAt;
    private final long[] storedAt;
    private final List<Phase> phases = new ArrayList<>();
    private final AtomicLong mismatchedPublications = new AtomicLong();
    private volatile long pollPeriodSumNanos;
    private volatile long polls;
    private String loadBefore;

    record Options(List<Integer> rates, int warmupSeconds, int seconds, int ceilingMessages, int presenceCycles,
            List<Integer> notifyRates, int notifyCeiling, Path out) {
        static Options parse(String[] args) {
            List<Integer> rates = List.of(1000, 5000);
            int warmup = 15;
            int seconds = 12;
            int ceiling = 20_000;
            int presence = 200;
            List<Integer> notifyRates = List.of(100, 1000);
            int notifyCeiling = 10_000;
            Path out = Path.of("bench/target/stack-bench/result.md");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rates" -> rates = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                    case "--ceiling" -> ceiling = Integer.parseInt(args[++i]);
                    case "--presence" -> presence = Integer.parseInt(args[++i]);
                    case "--notify-rates" -> notifyRates = args[++i].equals("none") ? List.of()
                            : java.util.Arrays.stream(args[i].split(",")).map(Integer::valueOf).toList();
                    case "--notify-ceiling" -> notifyCeiling = Integer.parseInt(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (--rates 1000,5000 --warmup 15 --seconds 12 --ceiling 20000 --presence 200"
                            + " --notify-rates 100,1000|none --notify-ceiling 10000 --out FILE)");
                }
            }
            return new Options(rates, warmup, seconds, ceiling, presence, notifyRates, notifyCeiling, out);
        }

        int capacity() {
            int n = ceilingMessages + 10;
            for (int r : rates) {
                n += r * (warmupSeconds + seconds) + 10;
            }
            return n;
        }
    }

    static final class Phase {
        final String name;
        final int rate;
        final int first;
        int count;
        final Histogram storage = hist();
        final Histogram baseline = hist();
        final Histogram queued = hist();
        final Histogram sendLate = hist();
        final AtomicLong queuedCount = new AtomicLong();
        final AtomicLong stored = new AtomicLong();
        final AtomicLong delivered = new AtomicLong();
        volatile long firstRow;
        volatile long lastRow;
        long censored;

        double rowsPerSecond() {
            long n = stored.get();
            return n < 2 || lastRow <= firstRow ? Double.NaN : (n - 1) / ((lastRow - firstRow) / 1e9);
        }

        Phase(String name, int rate, int first) {
            this.name = name;
            this.rate = rate;
            this.first = first;
        }
    }

    record Account(String name, Secret token, String tokenId) {
    }

    private StackBench(Options opt, StackServices stack) {
        this.opt = opt;
        this.stack = stack;
        int cap = opt.capacity();
        intended = new long[cap];
        phaseOf = new int[cap];
        publicationOf = new long[cap];
        storedFlag = new boolean[cap];
        eventAt = new long[intended.length];
        tappedAt = new long[intended.length];
        storedAt = new long[intended.length];
        java.util.Arrays.fill(phaseOf, -1);
    }

    static Histogram hist() {
        return new Histogram(TimeUnit.MINUTES.toMicros(5), 3); // microseconds
    }

    public static void main(String[] args) throws Exception {
        Options opt = Options.parse(args);
        Path root = Path.of("").toAbsolutePath();
        Path work = root.resolve("bench/target/stack-bench");
        StackServices stack = new StackServices(root, work);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-bench-stop"));
        long begin = System.nanoTime();
        stack.start(Duration.ofSeconds(120));
        log("stack ready in %d ms (logs in %s)", (System.nanoTime() - begin) / 1_000_000, work.resolve("logs"));
        StackBench bench = new StackBench(opt, stack);
        bench.loadBefore = loadAverage();
        try {
            String report = bench.run(Instant.now(), begin);
            Files.createDirectories(opt.out().toAbsolutePath().getParent());
            Files.writeString(opt.out(), report);
            bench.writeSamples(opt.out().resolveSibling("samples.csv"));
            System.out.println(report);
            log("written to %s", opt.out());
        } finally {
            stack.close();
            System.exit(0);
        }
    }

    /**
     * Every recorded message of the storage phases, one line each: its phase, when it was meant to
     * be sent (ms since the first one) and its latency at the baseline subscriber, the plain AMQP
     * consumer and the poller (ms; empty: never seen), to find where and when a tail arises.
     */
    private void writeSamples(Path file) throws java.io.IOException {
        long t0 = phases.isEmpty() ? 0 : intended[phases.get(0).first];
        Instant wall = Instant.now().minusNanos(System.nanoTime() - t0);
        StringBuilder b = new StringBuilder("# intended_ms 0 = " + wall + " (to match the services' logs)\n"
                + "index,phase,intended_ms,event_ms,rabbitmq_ms,stored_ms\n");
        for (Phase phase : phases) {
            for (int i = phase.first; i < phase.first + phase.count; i++) {
                b.append(i).append(',').append(phase.rate).append(',')
                        .append(String.format(Locale.ROOT, "%.3f", (intended[i] - t0) / 1e6)).append(',')
                        .append(since(eventAt[i], intended[i])).append(',')
                        .append(since(tappedAt[i], intended[i])).append(',')
                        .append(since(storedAt[i], intended[i])).append('\n');
            }
        }
        Files.writeString(file, b);
        log("samples in %s", file);
    }

    private static String since(long at, long from) {
        return at == 0 ? "" : String.format(Locale.ROOT, "%.3f", (at - from) / 1e6);
    }

    private String run(Instant date, long begin) throws Exception {
        Account alice = signUp("sb-pub");
        Account bob = signUp("sb-sub");
        Account carol = signUp("sb-watch");
        Account dave = signUp("sb-tab");
        String thread = post("/api/threads", Map.of("title", "stack bench"), alice).path("thread").asText();
        for (Account m : List.of(bob, carol, dave)) {
            post("/api/threads/" + thread + "/members", Map.of("name", m.name()), alice);
        }
        String topic = "natter.thread." + thread;

        WampClient pub = connect(alice);
        WampClient sub = connect(bob);
        WampClient watcher = connect(carol);
        WampClient tab = connect(dave);

        sub.subscribe(topic, this::onBaselineEvent).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        Thread poller = new Thread(() -> poll(thread), "stack-bench-poll");
        poller.setDaemon(true);
        poller.start();
        com.rabbitmq.client.Connection tap = tapChatMessages();

        int next = 0;
        String presence = null;
        for (int rate : opt.rates()) {
            int warm = next;
            next = paced(pub, topic, rate, opt.warmupSeconds(), next, null);
            settle(warm, next, Duration.ofSeconds(20));
            Phase phase = new Phase(String.format(Locale.ROOT, "%,d msg/s", rate), rate, next);
            phases.add(phase);
            next = paced(pub, topic, rate, opt.seconds(), next, phase);
            drain(phase, Duration.ofSeconds(30));
            log("%s: %d sent, %d delivered, %d stored (%d counted at the drain's end), %.0f rows/s stored",
                    phase.name, phase.count, phase.delivered.get(), phase.stored.get(), phase.censored,
                    phase.rowsPerSecond());
            log("%s: storage lag min %s p10 %s p25 %s p50 %s p75 %s p90 %s max %s; first row seen %s, last %s after the first send",
                    phase.name, ms(phase.storage.getMinValue()), ms(phase.storage, 10), ms(phase.storage, 25),
                    ms(phase.storage, 50), ms(phase.storage, 75), ms(phase.storage, 90), ms(phase.storage.getMaxValue()),
                    ms((phase.firstRow - intended[phase.first]) / 1000), ms((phase.lastRow - intended[phase.first]) / 1000));
            log("%s: in RabbitMQ (plain consumer) p50 %s p99 %s max %s, %d of %d", phase.name, ms(phase.queued, 50),
                    ms(phase.queued, 99), ms(phase.queued.getMaxValue()), phase.queuedCount.get(), phase.count);
            if (presence == null) {
                // after the first (lowest) rate, with the pipeline idle
                presence = presence(watcher, tab, thread, topic);
            }
        }
        tap.close();
        String notify = null;
        if (!opt.notifyRates().isEmpty()) {
            // Before the listener's ceiling, whose 20,000 messages keep app-api busy storing for a while.
            notify = new NotifyBench(stack, sub, opt.notifyRates(), opt.warmupSeconds(), opt.seconds(),
                    opt.notifyCeiling()).run();
        }
        int purged = stack.purgeMessages();
        if (purged > 0) {
            log("purged %d unstored messages before the ceiling run", purged);
        }
        String ceiling = ceiling(pub, topic, next);

        for (WampClient c : List.of(pub, sub, watcher, tab)) {
            c.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        double pollMs = polls == 0 ? 0 : pollPeriodSumNanos / 1e6 / polls;
        return report(date, begin, pollMs, ceiling, presence, notify);
    }

    /**
     * A plain AMQP consumer of every chat message the listener puts on {@code natter.messages} (its
     * own exclusive queue, bound with {@code #}, auto-ack): intended time → in RabbitMQ, the share of
     * router, listener and broker in the storage lag; the rest is app-api's and PostgreSQL's.
     */
    private com.rabbitmq.client.Connection tapChatMessages() throws Exception {
        com.rabbitmq.client.Connection c = stack.amqp("natter-stack-bench-tap");
        com.rabbitmq.client.Channel ch = c.createChannel();
        String q = ch.queueDeclare("", false, true, true, Map.of()).getQueue();
        ch.queueBind(q, stack.name("natter.messages"), "#");
        ch.basicConsume(q, true, new com.rabbitmq.client.DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, com.rabbitmq.client.Envelope envelope,
                                       com.rabbitmq.client.AMQP.BasicProperties props, byte[] body) {
                long now = System.nanoTime();
                int idx;
                try {
                    idx = index(JSON.readTree(body).path("text").asText(null));
                } catch (java.io.IOException e) {
                    return;
                }
                if (idx >= 0 && idx < phaseOf.length && phaseOf[idx] >= 0) {
                    tappedAt[idx] = now;
                    Phase phase = phases.get(phaseOf[idx]);
                    phase.queued.recordValue(Math.max(0, (now - intended[idx]) / 1000));
                    phase.queuedCount.incrementAndGet();
                }
            }
        });
        return c;
    }

    // ---- storage lag and baseline ----

    /** Sends {@code rate} messages a second for {@code seconds}, open loop; returns the next index. */
    private int paced(WampClient pub, String topic, int rate, int seconds, int first, Phase phase) {
        int next = OpenLoop.pace(rate, seconds, first, intended, phaseOf, phase == null ? -1 : phases.indexOf(phase),
                phase == null ? null : phase.sendLate, idx -> pub.publish(topic, List.of("sb " + idx)));
        if (phase != null) {
            phase.count = next - first;
        }
        return next;
    }

    private void onBaselineEvent(EventDetails e) {
        long now = System.nanoTime();
        int idx = index(e.args().isEmpty() ? null : e.args().get(0));
        if (idx < 0) {
            return;
        }
        publicationOf[idx] = e.publication();
        eventAt[idx] = now;
        int p = phaseOf[idx];
        if (p >= 0) {
            Phase phase = phases.get(p);
            phase.baseline.recordValue(Math.max(0, (now - intended[idx]) / 1000));
            phase.delivered.incrementAndGet();
        }
    }

    private static int index(Object text) {
        if (!(text instanceof String s)) {
            return -1;
        }
        Matcher m = INDEX.matcher(s);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Polls the messages table as fast as one connection answers (1 ms pause between queries). */
    private void poll(String thread) {
        long last = 0;
        try (Connection c = stack.database().connect();
             PreparedStatement q = c.prepareStatement(
                     "SELECT seq, publication, text FROM messages WHERE thread = ? AND seq > ? ORDER BY seq")) {
            c.setAutoCommit(true);
            q.setString(1, thread);
            long prev = System.nanoTime();
            while (true) {
                q.setLong(2, last);
                try (ResultSet rs = q.executeQuery()) {
                    long seen = System.nanoTime();
                    while (rs.next()) {
                        last = rs.getLong(1);
                        long publication = rs.getLong(2);
                        int idx = index(rs.getString(3));
                        if (idx < 0) {
                            continue;
                        }
                        long known = publicationOf[idx];
                        if (known != 0 && known != publication) {
                            mismatchedPublications.incrementAndGet();
                        }
                        storedFlag[idx] = true;
                        storedAt[idx] = seen;
                        int p = phaseOf[idx];
                        if (p >= 0) {
                            Phase phase = phases.get(p);
                            phase.storage.recordValue(Math.max(0, (seen - intended[idx]) / 1000));
                            if (phase.stored.incrementAndGet() == 1) {
                                phase.firstRow = seen;
                            }
                            phase.lastRow = seen;
                        }
                    }
                }
                LockSupport.parkNanos(1_000_000);
                long now = System.nanoTime();
                pollPeriodSumNanos += now - prev;
                polls++;
                prev = now;
            }
        } catch (Exception e) {
            log("poller stopped: %s", e);
        }
    }

    /**
     * Waits for the phase's rows; a row still missing at the deadline is counted with the deadline
     * as its time (a lower bound of its lag, so percentiles stay honest), and the queue is purged.
     */
    private void drain(Phase phase, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && (phase.stored.get() < phase.count || phase.delivered.get() < phase.count)) {
            Thread.sleep(50);
        }
        if (phase.stored.get() < phase.count) {
            int purged = stack.purgeMessages();
            Thread.sleep(200); // rows committed just before the purge
            long now = System.nanoTime();
            for (int i = phase.first; i < phase.first + phase.count; i++) {
                if (!storedFlag[i]) {
                    storedFlag[i] = true;
                    phaseOf[i] = -1; // a row arriving later is not counted twice
                    phase.storage.recordValue((now - intended[i]) / 1000);
                    phase.censored++;
                }
            }
            log("%s: %d rows missing after %d s, counted at the deadline; %d purged from the queue",
                    phase.name, phase.censored, timeout.toSeconds(), purged);
        }
    }

    /** Waits for the warm-up's rows, so a measured phase starts with app-api's queue empty. */
    private void settle(int from, int to, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (int i = to - 1; i >= from; i--) {
                if (!storedFlag[i]) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return;
            }
            Thread.sleep(50);
        }
        log("warm-up rows not all stored after %d s: %d purged from the queue", timeout.toSeconds(), stack.purgeMessages());
        Thread.sleep(500);
    }

    // ---- listener ceiling ----

    private String ceiling(WampClient pub, String topic, int first) throws Exception {
        ServiceProcess listener = stack.service("listener");
        Proc proc = new Proc(listener.pid());
        int n = opt.ceilingMessages();
        double forwarded0 = metric(listener, "natter_listener_messages_forwarded_total");
        double cpu0 = proc.cpuSeconds();
        long t0 = System.nanoTime();
        Semaphore window = new Semaphore(1000);
        for (int i = 0; i < n; i++) {
            window.acquire();
            int idx = first + i;
            pub.publish(topic, List.of("sb " + idx), Map.of(), Map.of("acknowledge", true))
                    .onComplete(r -> window.release());
        }
        long published = System.nanoTime();
        double forwarded = forwarded0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (forwarded < forwarded0 + n && System.nanoTime() < deadline) {
            Thread.sleep(20);
            forwarded = metric(listener, "natter_listener_messages_forwarded_total");
        }
        long t1 = System.nanoTime();
        double cpu = proc.cpuSeconds() - cpu0;
        double secs = (t1 - t0) / 1e9;
        double count = forwarded - forwarded0;
        String line = String.format(Locale.ROOT,
                "%,.0f events forwarded (confirmed) of %,d published in %.2f s (publishing took %.2f s): %,.0f events/s;"
                        + " listener CPU %.2f s → %,.0f events per listener core-second",
                count, n, secs, (published - t0) / 1e9, count / secs, cpu, cpu > 0 ? count / cpu : Double.NaN);
        log("ceiling: %s", line);
        return line;
    }

    private static double metric(ServiceProcess s, String name) {
        for (String line : s.get("/q/metrics").split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    // ---- presence ----

    private String presence(WampClient watcher, WampClient tab, String thread, String topic) throws Exception {
        String authid = tab.session().authid();
        BlockingQueue<long[]> events = new ArrayBlockingQueue<>(1000); // [kind(1 joined, 2 left), nanoTime]
        watcher.subscribe("natter.presence." + thread, e -> {
            long now = System.nanoTime();
            if (e.args().isEmpty() || !(e.args().get(0) instanceof Map<?, ?> m)) {
                return;
            }
            if (authid.equals(m.get("joined"))) {
                events.offer(new long[] {1, now});
            } else if (authid.equals(m.get("left"))) {
                events.offer(new long[] {2, now});
            }
        }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Histogram left = hist();
        Histogram joined = hist();
        int timeouts = 0;
        for (int i = 0; i < opt.presenceCycles(); i++) {
            long s0 = System.nanoTime();
            Subscription s = tab.subscribe(topic, e -> { }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            long[] j = await(events, 1);
            if (j == null) {
                timeouts++;
            } else {
                joined.recordValue((j[1] - s0) / 1000);
            }
            long u0 = System.nanoTime();
            tab.unsubscribe(s);
            long[] l = await(events, 2);
            if (l == null) {
                timeouts++;
            } else {
                left.recordValue((l[1] - u0) / 1000);
            }
        }
        String line = String.format(Locale.ROOT,
                "%d cycles; `left` p50 %s, p99 %s, max %s (goal p99 < 1 s: %s); `joined` (subscribe sent → event) p50 %s, p99 %s; %d timeouts (5 s)",
                opt.presenceCycles(), ms(left, 50), ms(left, 99), ms(left.getMaxValue()),
                left.getTotalCount() > 0 && left.getValueAtPercentile(99) < 1_000_000 && timeouts == 0 ? "met" : "NOT met",
                ms(joined, 50), ms(joined, 99), timeouts);
        log("presence: %s", line);
        return line;
    }

    private static long[] await(BlockingQueue<long[]> events, int kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            long[] e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                return null;
            }
            if (e[0] == kind) {
                return e;
            }
        }
    }

    // ---- report ----

    private String report(Instant date, long begin, double pollMs, String ceiling, String presence, String notify) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Run %s; %d cores; warm-up %d s, then %d s per rate; poll period %.2f ms (mean)%n%n",
                date, Runtime.getRuntime().availableProcessors(), opt.warmupSeconds(), opt.seconds(), pollMs));
        b.append("| rate | sent | send late p99 | router delivery p50 / p99 (baseline) | in RabbitMQ p50 / p99 (plain consumer) | storage lag p50 / p99 | ratio p50 / p99 | added by pipeline p50 | delivered / stored in time | rows stored/s |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Phase p : phases) {
            double r50 = (double) p.storage.getValueAtPercentile(50) / Math.max(1, p.baseline.getValueAtPercentile(50));
            double r99 = (double) p.storage.getValueAtPercentile(99) / Math.max(1, p.baseline.getValueAtPercentile(99));
            b.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s / %s | %s / %s | %s%s / %s%s | %.1f× / %.1f× | %s | %,d / %,d | %,.0f |%n",
                    p.name, p.count, ms(p.sendLate, 99), ms(p.baseline, 50), ms(p.baseline, 99), ms(p.queued, 50), ms(p.queued, 99),
                    p.censored > 0 ? "≥ " : "", ms(p.storage, 50), p.censored > 0 ? "≥ " : "", ms(p.storage, 99), r50, r99,
                    ms(p.storage.getValueAtPercentile(50) - p.baseline.getValueAtPercentile(50)),
                    p.delivered.get(), p.stored.get(), p.rowsPerSecond()));
        }
        for (Phase p : phases) {
            if (p.rate == 1000) {
                b.append(String.format(Locale.ROOT, "%nGoal storage lag p99 < 100 ms at 1,000 msg/s: %s (p99 %s).%n",
                        p.censored == 0 && p.storage.getValueAtPercentile(99) < 100_000 ? "met" : "NOT met",
                        ms(p.storage, 99)));
            }
        }
        b.append(String.format(Locale.ROOT, "Rows whose publication id differed from the one the router gave the subscriber: %d.%n",
                mismatchedPublications.get()));
        b.append("\nListener ceiling (closed loop): ").append(ceiling).append("\n");
        b.append("\nPresence: ").append(presence).append("\n");
        if (notify != null) {
            b.append("\n### Notifications: RabbitMQ publish → WAMP event (issue 16)\n\n").append(notify);
        }
        b.append(String.format(Locale.ROOT, "%nWall time incl. stack start: %.0f s; load average (1/5/15 min) before %s, after %s%n",
                (System.nanoTime() - begin) / 1e9, loadBefore, loadAverage()));
        return b.toString();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : ms(h.getValueAtPercentile(percentile));
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    // ---- users ----

    private WampClient connect(Account a) throws Exception {
        WampClient c = WampClient.builder(vertx, stack.wsUrl())
                .realm(StackServices.REALM)
                .wampcra(a.name(), a.token())
                .authExtra(Map.of("token_id", a.tokenId()))
                .header("Origin", stack.appUrl())
                .build();
        c.connect().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        return c;
    }

    private Account signUp(String prefix) throws Exception {
        String name = prefix + "-" + io.natter.testsupport.Randoms.hex(4);
        JsonNode body = post("/api/users", Map.of("name", name, "password", io.natter.testsupport.Randoms.hex(12)), null);
        return new Account(name, Secret.of(body.path("token").asText()), body.path("token_id").asText());
    }

    private JsonNode post(String path, Object body, Account auth) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(stack.appUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (auth != null) {
            r.header("Authorization", "Bearer " + auth.token().reveal());
        }
        HttpResponse<String> resp = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + resp.statusCode());
        }
        String text = resp.body();
        return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[stack-bench] " + format + "%n", args);
    }
}
