package io.natter.wamp.quarkus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.natter.wamp.client.VertxInternals;
import java.util.function.BooleanSupplier;

/**
 * The session's meters: {@code natter.wamp.joined} (gauge 0/1), {@code natter.wamp.reconnects}
 * (reconnect attempts scheduled), {@code natter.wamp.calls.served} (invocations answered with a
 * result, tag {@code procedure}) and {@code natter.wamp.errors} (tags {@code procedure} and
 * {@code kind}: {@code invocation}, {@code call}, {@code publish}, {@code register},
 * {@code subscribe}, {@code event}) and {@code natter.wamp.vertx.fallbacks} (times a client used
 * Vert.x's public API because its internals were not usable: {@link VertxInternals}). Thread-safe.
 */
final class WampMetrics {

    private final MeterRegistry registry;
    private final Counter reconnects;

    WampMetrics(MeterRegistry registry, BooleanSupplier joined) {
        this.registry = registry;
        Gauge.builder("natter.wamp.joined", joined, j -> j.getAsBoolean() ? 1 : 0)
                .description("1 while the WAMP session is joined, else 0").strongReference(true).register(registry);
        Gauge.builder("natter.wamp.vertx.fallbacks", VertxInternals::fallbacks)
                .description("times a WAMP client fell back to Vert.x's public API (internals missing or unexpected)")
                .register(registry);
        this.reconnects = Counter.builder("natter.wamp.reconnects")
                .description("reconnect attempts scheduled after a lost connection or a failed attempt").register(registry);
    }

    void reconnect() {
        reconnects.increment();
    }

    void served(String procedure) {
        Counter.builder("natter.wamp.calls.served").description("invocations answered with a result")
                .tag("procedure", procedure).register(registry).increment();
    }

    void error(String uri, String kind) {
        Counter.builder("natter.wamp.errors").description("failed invocations, calls, publications, registrations, subscriptions and event handlers")
                .tag("procedure", uri).tag("kind", kind).register(registry).increment();
    }
}
