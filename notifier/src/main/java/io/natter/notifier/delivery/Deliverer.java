package io.natter.notifier.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.natter.notifier.appapi.Recipients;
import io.natter.notifier.config.NotifierConfig;
import io.natter.wamp.client.WampException;
import io.natter.wamp.quarkus.WampSession;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Delivers one valid {@link Notification}: asks app-api who receives it, then at the same time has
 * app-api keep it in their inboxes ({@code POST /internal/notifications}, idempotent by id) and
 * publishes it with {@code acknowledge: true} to each recipient's {@code natter.notify.<user>}. The
 * returned future completes only when app-api kept it and the router acknowledged every publish, or
 * with a {@link Validator.Refused} reason when the user or thread is unknown or the router refuses
 * the publish itself. The two go side by side, not one after the other, so that the event does not
 * wait for app-api's commit: until both are done the RabbitMQ message stays unacked, so a crash in
 * between means a redelivery (same id: the inbox keeps one row, a client drops the repeated event).
 *
 * <p>Transient failures (app-api away, router away, the session lost mid-publish, a timeout) are
 * retried with backoff, each recipient on its own so that one already acknowledged is not published
 * again; the future stays pending meanwhile and the RabbitMQ message stays unacked, bounded by the
 * prefetch. Everything runs on Vert.x (timers, the WAMP client, the web client); nothing blocks.
 */
@ApplicationScoped
public class Deliverer {

    private static final Logger LOG = Logger.getLogger(Deliverer.class);

    /** Thrown into pending deliveries at shutdown: the message is left unacked for redelivery. */
    public static final class Stopping extends RuntimeException {
        Stopping() {
            super("notifier stopping", null, false, false);
        }
    }

    private final Vertx vertx;
    private final WampSession wamp;
    private final Recipients recipients;
    private final long initialDelay;
    private final long maxDelay;
    private final Counter published;
    private final Counter retries;
    private volatile boolean stopped;

    Deliverer(Vertx vertx, WampSession wamp, Recipients recipients, NotifierConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.wamp = wamp;
        this.recipients = recipients;
        this.initialDelay = Math.max(1, config.notifier().retryInitialDelay().toMillis());
        this.maxDelay = Math.max(initialDelay, config.notifier().retryMaxDelay().toMillis());
        this.published = registry.counter("natter.notifier.published");
        this.retries = registry.counter("natter.notifier.retries");
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }

    /** Completes with null when delivered to every recipient, with a reason when refused. */
    public Future<Validator.Refused> deliver(Notification n) {
        Supplier<Future<Optional<List<String>>>> who = n.target() == Notification.Target.USER
                ? () -> recipients.user(n.name()) : () -> recipients.members(n.name());
        return retrying(who, "recipients of " + n.id()).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(n.target() == Notification.Target.USER
                        ? new Validator.Refused("unknown_user", "no such user")
                        : new Validator.Refused("unknown_thread", "no such thread"));
            }
            Map<String, Object> payload = n.payload();
            Future<Void> kept = retrying(() -> recipients.keep(found.get(), payload), "inbox of " + n.id());
            Future<Validator.Refused> published = publishAll(found.get(), payload, n.id());
            return Future.all(kept, published).map(both -> published.result());
        });
    }

    private Future<Validator.Refused> publishAll(List<String> users, Map<String, Object> payload, String id) {
        List<Future<Validator.Refused>> each = new ArrayList<>();
        for (String user : users) {
            each.add(publish(Routing.topic(user), payload, id));
        }
        return Future.all(each).map(all -> {
            for (Future<Validator.Refused> f : each) {
                if (f.result() != null) {
                    return f.result();
                }
            }
            return null;
        });
    }

    private Future<Validator.Refused> publish(String topic, Map<String, Object> payload, String id) {
        Promise<Validator.Refused> outcome = Promise.promise();
        attempt(() -> wamp.publish(topic, List.of(payload), Map.of(), Map.of("acknowledge", true)), 0,
                "publish " + id + " to " + topic, outcome, true);
        return outcome.future();
    }

    private <T> Future<T> retrying(Supplier<Future<T>> action, String what) {
        Promise<T> done = Promise.promise();
        attempt(action, 0, what, done, false);
        return done.future();
    }

    @SuppressWarnings("unchecked")
    private <T, R> void attempt(Supplier<Future<T>> action, int failures, String what, Promise<R> done, boolean isPublish) {
        if (stopped) {
            done.tryFail(new Stopping());
            return;
        }
        Future<T> f;
        try {
            f = action.get();
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        f.onSuccess(v -> {
            if (isPublish) {
                published.increment();
                done.tryComplete(null);
            } else {
                done.tryComplete((R) v);
            }
        }).onFailure(e -> {
            if (isPublish && refusedByRouter(e)) {
                LOG.warnf("router refused %s: %s", what, ((WampException) e).error());
                done.tryComplete((R) new Validator.Refused("router_refused", ((WampException) e).error()));
                return;
            }
            long delay = Math.min(maxDelay, initialDelay << Math.min(failures, 20));
            if (failures == 0 || failures % 20 == 0) {
                LOG.infof("%s failed (%s), retrying in %d ms", what, e.getMessage(), delay);
            }
            retries.increment();
            vertx.setTimer(delay, t -> attempt(action, failures + 1, what, done, isPublish));
        });
    }

    /**
     * An ERROR the router sent about the publish itself (not authorized, invalid URI): trying again
     * cannot help. The client's own errors (not connected, connection lost, timeout) and
     * {@code wamp.error.runtime_error}, {@code timeout}, {@code canceled} are transient.
     */
    static boolean refusedByRouter(Throwable e) {
        return e instanceof WampException w && w.error() != null && w.error().startsWith("wamp.error.")
                && !w.error().equals("wamp.error.runtime_error") && !w.error().equals("wamp.error.canceled") && !w.error().equals("wamp.error.timeout");
    }
}
