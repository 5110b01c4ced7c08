package io.natter.router.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.natter.router.realm.RealmRegistry;
import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Message;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The router's Prometheus metrics: {@code natter_router_sessions} (gauge of attached sessions),
 * {@code natter_router_messages_in_total} and {@code natter_router_messages_out_total} by message
 * {@code type}, and {@code natter_router_errors_total} by error {@code uri} (ERROR and ABORT the
 * router sends). Counters are looked up once per type or URI and cached; thread-safe.
 *
 * <p>Every message in and out passes here (every EVENT of a fan-out), so the message counters are
 * {@link MessageCounts}, which the event loops bump without an atomic instruction and Micrometer
 * reads when scraped ({@link FunctionCounter}), and the bean is a {@link Singleton}: no client
 * proxy between the transport and it.
 */
@Singleton
public class RouterMetrics {

    private static final int MAX_CODE = 70;

    private MeterRegistry registry;
    private RealmRegistry realms;
    private final MessageCounts in = new MessageCounts(MAX_CODE);
    private final MessageCounts out = new MessageCounts(MAX_CODE);
    // Which codes have their counter registered with Micrometer yet.
    private final boolean[] inRegistered = new boolean[MAX_CODE + 1];
    private final boolean[] outRegistered = new boolean[MAX_CODE + 1];
    private final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();

    @Inject
    public RouterMetrics(MeterRegistry registry, RealmRegistry realms) {
        this.registry = registry;
        this.realms = realms;
    }

    @PostConstruct
    void start() {
        Gauge.builder("natter.router.sessions", realms, RealmRegistry::sessionCount)
                .description("WAMP sessions attached to a realm")
                .register(registry);
    }

    /** A message arrived from a peer. */
    public void received(Message message) {
        count(in, inRegistered, "natter.router.messages.in", message, message.code());
    }

    /** A message was queued for a peer. */
    public void sent(Message message) {
        sent(message, message.code());
    }

    /**
     * A message was queued for a peer; its {@code code} is given, as a message shared by many
     * receivers knows it without asking the message again (a call through the message interface
     * per EVENT of a fan-out).
     */
    public void sent(Message message, int code) {
        count(out, outRegistered, "natter.router.messages.out", message, code);
        if (message instanceof Error error) {
            error(error.error());
        } else if (message instanceof Abort abort) {
            error(abort.reason());
        }
    }

    private void error(String uri) {
        errors.computeIfAbsent(uri, u -> Counter.builder("natter.router.errors")
                .description("ERROR and ABORT messages sent, by error URI")
                .tag("uri", u)
                .register(registry)).increment();
    }

    private void count(MessageCounts counts, boolean[] registered, String name, Message message, int code) {
        if (!registered[code]) {
            register(counts, registered, name, message, code);
        }
        counts.increment(code);
    }

    private void register(MessageCounts counts, boolean[] registered, String name, Message message, int code) {
        synchronized (registered) {
            if (!registered[code]) {
                FunctionCounter.builder(name, counts, c -> c.sum(code))
                        .description("WAMP messages by type")
                        .tag("type", message.getClass().getSimpleName().toUpperCase(Locale.ROOT))
                        .register(registry);
                registered[code] = true;
            }
        }
    }
}
