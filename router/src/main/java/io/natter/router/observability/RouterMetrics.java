package io.natter.router.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.natter.router.realm.RealmRegistry;
import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Message;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The router's Prometheus metrics: {@code natter_router_sessions} (gauge of attached sessions),
 * {@code natter_router_messages_in_total} and {@code natter_router_messages_out_total} by message
 * {@code type}, and {@code natter_router_errors_total} by error {@code uri} (ERROR and ABORT the
 * router sends). Counters are looked up once per type or URI and cached; thread-safe.
 */
@ApplicationScoped
public class RouterMetrics {

    private static final int MAX_CODE = 70;

    private MeterRegistry registry;
    private RealmRegistry realms;
    private final Counter[] in = new Counter[MAX_CODE + 1];
    private final Counter[] out = new Counter[MAX_CODE + 1];
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
        counter(in, "natter.router.messages.in", message).increment();
    }

    /** A message was queued for a peer. */
    public void sent(Message message) {
        counter(out, "natter.router.messages.out", message).increment();
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

    private Counter counter(Counter[] cache, String name, Message message) {
        int code = message.code();
        Counter counter = cache[code];
        if (counter == null) {
            counter = Counter.builder(name)
                    .description("WAMP messages by type")
                    .tag("type", message.getClass().getSimpleName().toUpperCase(Locale.ROOT))
                    .register(registry);
            cache[code] = counter;
        }
        return counter;
    }
}
