package io.natter.listener.presence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.natter.listener.config.ListenerConfig;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.WampException;
import io.natter.wamp.quarkus.WampSession;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Keeps {@link PresenceState} equal to the router's truth and tells the world: subscribes to the
 * session and subscription meta events, rebuilds the whole state from the meta procedures after
 * every join (and every {@code natter.listener.reconcile-interval}), compares the rebuilt state
 * with what Redis holds (what was last published, maybe by a listener that crashed) and publishes
 * the differences, then applies and publishes each change as it comes.
 *
 * <p>Concurrency: meta events and rebuilds are tasks run one after the other, in arrival order
 * (a chain of futures), so a rebuild's snapshot is followed by the events that arrived while it
 * was taken; the state's operations are set-like and idempotent, so replaying them leaves the
 * truth (the last operation on an element wins). The state is guarded by its own monitor, read by
 * {@code natter.presence.list} from any thread. Redis writes and presence publications go through
 * a second chain, in the order of the changes, and never hold the event tasks back. Nothing
 * here blocks: every wait is a future.
 *
 * <p>Until the first rebuild after a join the state is not {@link #isReady() ready}: changes are
 * not published (the rebuild publishes the differences) and {@code natter.presence.list} answers
 * {@code natter.error.unavailable}.
 */
@ApplicationScoped
public class PresenceTracker {

    private static final Logger LOG = Logger.getLogger(PresenceTracker.class);
    static final String PRESENCE_TOPIC = "natter.presence.";

    private final WampSession wamp;
    private final PresenceStore store;
    private final Vertx vertx;
    private final ListenerConfig.Listener settings;
    private final Counter published;
    private final Counter rebuilds;
    private final Counter storeFailures;

    private final Object lock = new Object();
    /** Guarded by itself. */
    private PresenceState state = new PresenceState();
    private volatile boolean ready;
    /** The task chain and the write chain; guarded by {@link #lock}. */
    private Future<Void> tasks = Future.succeededFuture();
    private Future<Void> writes = Future.succeededFuture();
    private boolean rebuildQueued;
    private long timer = -1;

    PresenceTracker(WampSession wamp, PresenceStore store, Vertx vertx, ListenerConfig config, MeterRegistry registry) {
        this.wamp = wamp;
        this.store = store;
        this.vertx = vertx;
        this.settings = config.listener();
        this.published = Counter.builder("natter.listener.presence.published")
                .description("presence changes published").register(registry);
        this.rebuilds = Counter.builder("natter.listener.presence.rebuilds")
                .description("presence rebuilt from the meta API").register(registry);
        this.storeFailures = Counter.builder("natter.listener.redis.failures")
                .description("Redis reads or writes that failed").register(registry);
        registry.gauge("natter.listener.presence.ready", this, t -> t.ready ? 1 : 0);
    }

    void start(@Observes StartupEvent event) {
        meta("wamp.session.on_join", e -> {
            Map<?, ?> details = (Map<?, ?>) e.args().get(0);
            long session = id(details.get("session"));
            String authid = (String) details.get("authid");
            return apply(() -> state.join(session, authid));
        });
        meta("wamp.session.on_leave", e -> {
            long session = id(e.args().get(0));
            return apply(() -> state.leave(session));
        });
        meta("wamp.subscription.on_create", e -> {
            Map<?, ?> details = (Map<?, ?>) e.args().get(1);
            long subscription = id(details.get("id"));
            String uri = (String) details.get("uri");
            String match = details.get("match") instanceof String m ? m : "exact";
            return apply(() -> state.create(subscription, uri, match));
        });
        meta("wamp.subscription.on_subscribe", e -> subscribed(id(e.args().get(1)), id(e.args().get(0))));
        meta("wamp.subscription.on_unsubscribe", e -> {
            long session = id(e.args().get(0));
            long subscription = id(e.args().get(1));
            return apply(() -> state.unsubscribe(subscription, session));
        });
        meta("wamp.subscription.on_delete", e -> {
            long subscription = id(e.args().get(1));
            return apply(() -> state.delete(subscription));
        });
        wamp.client().onDisconnect(() -> ready = false);
        wamp.onJoin(info -> {
            ready = false;
            whenSettled(20_000, this::requestRebuild);
        });
        long every = settings.reconcileInterval().toMillis();
        if (every > 0) {
            timer = vertx.setPeriodic(every, id -> {
                if (wamp.isJoined()) {
                    requestRebuild();
                }
            });
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Whether the state reflects the router since the last join. */
    public boolean isReady() {
        return ready;
    }

    /** Who is online in {@code thread} now (sorted). */
    public List<String> online(String thread) {
        synchronized (lock) {
            return state.online(thread);
        }
    }

    // ---------------------------------------------------------------- events

    private void meta(String topic, java.util.function.Function<EventDetails, Future<Void>> handler) {
        Consumer<EventDetails> queued = event -> enqueue(() -> {
            try {
                return handler.apply(event);
            } catch (RuntimeException e) {
                LOG.warnf("malformed %s event ignored: %s", topic, e.toString());
                return Future.succeededFuture();
            }
        });
        wamp.subscribe(topic, Map.of(), queued);
    }

    /** on_subscribe: a session we do not know yet (joined before we listened) is looked up first. */
    private Future<Void> subscribed(long subscription, long session) {
        boolean lookUp;
        synchronized (lock) {
            if (!state.tracks(subscription)) {
                return Future.succeededFuture();
            }
            lookUp = !state.knows(session);
        }
        Future<Void> known = lookUp ? lookUpSession(session) : Future.succeededFuture();
        return known.compose(v -> apply(() -> state.subscribe(subscription, session)));
    }

    private Future<Void> lookUpSession(long session) {
        return wamp.call("wamp.session.get", List.of(session), Map.of())
                .compose(result -> {
                    Map<?, ?> details = (Map<?, ?>) result.arg0();
                    return apply(() -> state.join(session, (String) details.get("authid")));
                }, failure -> {
                    // Gone already (its on_leave follows or came): nothing to count.
                    LOG.debugf("session %d not found: %s", session, failure.getMessage());
                    return Future.succeededFuture();
                });
    }

    /** Runs one state operation under the lock and publishes what it changed. */
    private Future<Void> apply(Supplier<List<PresenceChange>> operation) {
        List<PresenceChange> changes;
        synchronized (lock) {
            changes = operation.get();
        }
        if (ready) {
            changes.forEach(this::write);
        }
        return Future.succeededFuture();
    }

    private void enqueue(Supplier<Future<Void>> task) {
        synchronized (lock) {
            tasks = tasks.transform(ignored -> {
                try {
                    return task.get();
                } catch (RuntimeException e) {
                    return Future.failedFuture(e);
                }
            }).recover(e -> {
                LOG.warnf("presence task failed: %s", e.toString());
                return Future.succeededFuture();
            });
        }
    }

    // ---------------------------------------------------------------- rebuild

    private void whenSettled(long remainingMillis, Runnable then) {
        if (wamp.isJoined()) {
            then.run();
        } else if (remainingMillis > 0 && wamp.client().isJoined()) {
            vertx.setTimer(20, t -> whenSettled(remainingMillis - 20, then));
        }
    }

    private void requestRebuild() {
        synchronized (lock) {
            if (rebuildQueued) {
                return;
            }
            rebuildQueued = true;
        }
        enqueue(() -> {
            synchronized (lock) {
                rebuildQueued = false;
            }
            return rebuild();
        });
    }

    /**
     * A fresh state from {@code wamp.subscription.list/get/list_subscribers} and
     * {@code wamp.session.get}; then the differences from Redis are written and published.
     */
    private Future<Void> rebuild() {
        PresenceState fresh = new PresenceState();
        return wamp.call("wamp.subscription.list", List.of(), Map.of()).compose(list -> {
            Map<?, ?> byMatch = (Map<?, ?>) list.arg0();
            List<Future<Void>> reads = new ArrayList<>();
            Set<Long> sessions = new HashSet<>();
            for (Object id : (List<?>) byMatch.get("exact")) {
                long subscription = id(id);
                reads.add(readSubscription(fresh, subscription, sessions));
            }
            return Future.join(reads).compose(v -> {
                List<Future<Void>> lookups = new ArrayList<>();
                for (long session : sessions) {
                    lookups.add(wamp.call("wamp.session.get", List.of(session), Map.of()).transform(ar -> {
                        if (ar.succeeded()) {
                            fresh.join(session, (String) ((Map<?, ?>) ar.result().arg0()).get("authid"));
                        }
                        return Future.succeededFuture();
                    }));
                }
                return Future.join(lookups);
            });
        }).compose(v -> {
            Map<String, List<String>> truth;
            synchronized (lock) {
                state = fresh;
                truth = fresh.snapshot();
            }
            ready = true;
            rebuilds.increment();
            reconcile(truth);
            return Future.<Void>succeededFuture();
        }).onFailure(e -> {
            LOG.warnf("presence rebuild from the meta API failed (%s); trying again", e.toString());
            vertx.setTimer(1000, t -> {
                if (wamp.client().isJoined()) {
                    requestRebuild();
                }
            });
        });
    }

    private Future<Void> readSubscription(PresenceState fresh, long subscription, Set<Long> sessions) {
        return wamp.call("wamp.subscription.get", List.of(subscription), Map.of()).<Void>compose(details -> {
            Map<?, ?> d = (Map<?, ?>) details.arg0();
            String uri = (String) d.get("uri");
            if (PresenceState.threadOf(uri) == null) {
                return Future.succeededFuture();
            }
            return wamp.call("wamp.subscription.list_subscribers", List.of(subscription), Map.of()).<Void>map(subscribers -> {
                synchronized (sessions) {
                    fresh.create(subscription, uri, "exact");
                    for (Object session : (List<?>) subscribers.arg0()) {
                        fresh.subscribe(subscription, id(session));
                        sessions.add(id(session));
                    }
                }
                return null;
            });
        }).recover(e -> {
            // Deleted between the list and the get: its on_delete is on its way.
            if (e instanceof WampException w && w.error().startsWith("wamp.error.no_such")) {
                return Future.succeededFuture();
            }
            return Future.failedFuture(e);
        });
    }

    /** Writes and publishes what differs between Redis and {@code truth}, after the writes before it. */
    private void reconcile(Map<String, List<String>> truth) {
        synchronized (lock) {
            writes = writes.transform(ignored -> store.load().transform(ar -> {
                if (ar.failed()) {
                    storeFailures.increment();
                    LOG.warnf("Redis unreadable (%s): presence differences not published; next try in %d s",
                            ar.cause().toString(), settings.reconcileInterval().toSeconds());
                    return Future.succeededFuture();
                }
                List<PresenceChange> changes = PresenceState.differences(ar.result(), truth);
                if (!changes.isEmpty()) {
                    LOG.infof("presence reconciled: %d changes against Redis", changes.size());
                }
                Future<Void> done = Future.succeededFuture();
                for (PresenceChange change : changes) {
                    done = done.transform(x -> writeNow(change));
                }
                return done;
            }));
        }
    }

    // ---------------------------------------------------------------- output

    private void write(PresenceChange change) {
        synchronized (lock) {
            writes = writes.transform(ignored -> writeNow(change));
        }
    }

    private Future<Void> writeNow(PresenceChange change) {
        publish(change);
        return store.apply(change).transform(ar -> {
            if (ar.failed()) {
                storeFailures.increment();
                LOG.warnf("Redis write failed (%s); the next reconcile repairs it", ar.cause().toString());
            }
            return Future.succeededFuture();
        });
    }

    private void publish(PresenceChange change) {
        wamp.publish(PRESENCE_TOPIC + change.thread(), List.of(change.payload()), Map.of(), Map.of("retain", true))
                .onSuccess(x -> published.increment())
                .onFailure(e -> LOG.warnf("presence of %s not published: %s", change.thread(), e.getMessage()));
    }

    private static long id(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("not an id: " + value);
    }
}
