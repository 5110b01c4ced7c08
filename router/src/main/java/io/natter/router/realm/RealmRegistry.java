package io.natter.router.realm;

import io.natter.router.auth.RealmLookup;
import io.natter.router.config.RouterConfig;
import io.natter.router.util.Timers;
import io.natter.router.util.VertxTimers;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The router's realms by name, built once at start-up from the {@link RealmSource}. Also the
 * inspection point for tests and health: counts of sessions, subscriptions, registrations and
 * calls in flight per realm ({@link #stats()}), so tests can assert that nothing leaks.
 *
 * <p>Thread-safe: the map is built before the first connection and never changes.
 */
@Startup
@ApplicationScoped
public class RealmRegistry implements RealmLookup {

    @Inject
    RealmSource source;

    @Inject
    RouterConfig config;

    @Inject
    Vertx vertx;

    private volatile Map<String, Realm> realms = Map.of();

    @PostConstruct
    void start() {
        Timers timers = new VertxTimers(vertx);
        Map<String, Realm> built = new LinkedHashMap<>();
        RealmLimits limits = new RealmLimits(config.retained().maxTopics(), config.retained().maxBytes(),
                config.session().maxSubscriptions(), config.session().maxRegistrations(), config.session().publishRate());
        for (RealmSettings settings : source.realms()) {
            if (built.put(settings.name(), Realm.open(settings, config.strictUris(), limits, timers, Clock.systemUTC())) != null) {
                throw new IllegalStateException("realm " + settings.name() + " is defined twice");
            }
        }
        realms = Map.copyOf(built);
    }

    /** The realm named {@code name}, or null. */
    @Override
    public Realm find(String name) {
        return realms.get(name);
    }

    /** Every realm. */
    public Collection<Realm> realms() {
        return realms.values();
    }

    /** Whether the realms are built and ready for connections. */
    public boolean isUp() {
        return !realms.isEmpty();
    }

    /** What each realm holds now. */
    public List<RealmStats> stats() {
        List<RealmStats> stats = new ArrayList<>();
        for (Realm realm : realms.values()) {
            stats.add(realm.stats());
        }
        return stats;
    }

    /** What the realm named {@code name} holds now; an unknown name is a bug of the caller. */
    public RealmStats stats(String name) {
        Realm realm = realms.get(name);
        if (realm == null) {
            throw new IllegalArgumentException("no realm " + name);
        }
        return realm.stats();
    }

    /** Sessions attached to any realm. */
    public int sessionCount() {
        int count = 0;
        for (Realm realm : realms.values()) {
            count += realm.stats().sessions();
        }
        return count;
    }
}
