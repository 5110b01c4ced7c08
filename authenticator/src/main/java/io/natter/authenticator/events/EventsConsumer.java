package io.natter.authenticator.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.natter.authenticator.config.AuthenticatorConfig;
import io.natter.wamp.quarkus.WampSession;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code natter.events} from the authenticator's own durable queue
 * ({@code <prefix>natter.authenticator.events}, bound with {@code membership.*} and
 * {@code token.*}; see {@code application.properties}) and hands each event to
 * {@link Revocations}.
 *
 * <p>Acknowledgement: a message is acked only after its router calls succeeded. When they fail
 * (the router or the session is away) the message is nacked with requeue, but only after a pause
 * that doubles with each failure in a row ({@code natter.events.retry-*}), so a missing router
 * causes a slow retry, never a hot loop; when the WAMP session joins again the pause ends at once. A malformed message is acked and logged: retrying cannot
 * fix it. Messages are handled one at a time, in queue order (the method returns a
 * {@link CompletionStage}, which SmallRye Reactive Messaging waits for before the next).
 */
@ApplicationScoped
public class EventsConsumer {

    private static final Logger LOG = Logger.getLogger(EventsConsumer.class);

    private final Revocations revocations;
    private final WampSession wamp;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final long initialDelayMillis;
    private final long maxDelayMillis;
    /** Failures in a row; only touched by the one message in progress and at a join. */
    private volatile int failures;
    /** Hands the message waiting out its pause back at once; null when none waits. */
    private final AtomicReference<Runnable> pendingRetry = new AtomicReference<>();

    EventsConsumer(Revocations revocations, WampSession wamp, Vertx vertx, MeterRegistry registry, AuthenticatorConfig config) {
        this.revocations = revocations;
        this.wamp = wamp;
        this.vertx = vertx;
        this.registry = registry;
        this.initialDelayMillis = Math.max(1, config.events().retryInitialDelay().toMillis());
        this.maxDelayMillis = Math.max(initialDelayMillis, config.events().retryMaxDelay().toMillis());
    }

    @Incoming("natter-events")
    public CompletionStage<Void> consume(Message<?> message) {
        AppEvent event;
        try {
            event = AppEvent.parse(message.getPayload());
        } catch (IllegalArgumentException e) {
            LOG.warnf("natter.events: dropped a malformed event (%s)", e.getMessage());
            count("malformed", "dropped");
            return message.ack();
        }
        String type = type(event);
        CompletableFuture<Void> done = new CompletableFuture<>();
        revocations.apply(event).onComplete(result -> {
            if (result.succeeded()) {
                failures = 0;
                count(type, "done");
                message.ack().whenComplete((v, e) -> done.complete(null));
                return;
            }
            long delay = retryDelay(failures++);
            count(type, "retried");
            LOG.warnf("natter.events: %s not applied (%s); handing it back in %d ms", type, result.cause().getMessage(), delay);
            AtomicBoolean handedBack = new AtomicBoolean();
            Runnable handBack = () -> {
                if (handedBack.compareAndSet(false, true)) {
                    message.nack(result.cause()).whenComplete((v, e) -> done.complete(null));
                }
            };
            long timer = vertx.setTimer(delay, t -> handBack.run());
            pendingRetry.set(() -> {
                vertx.cancelTimer(timer);
                handBack.run();
            });
        });
        return done;
    }

    /** A (re)join of the WAMP session ends the pause of an event waiting for the router. */
    void onStart(@Observes StartupEvent event) {
        wamp.onJoin(session -> {
            failures = 0;
            Runnable retry = pendingRetry.getAndSet(null);
            if (retry != null) {
                retry.run();
            }
        });
    }

    /** The pause before the {@code n+1}-th retry in a row: the initial delay doubled n times, capped. */
    long retryDelay(int n) {
        long delay = initialDelayMillis;
        for (int i = 0; i < n && delay < maxDelayMillis; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxDelayMillis);
    }

    private static String type(AppEvent event) {
        if (event instanceof AppEvent.MembershipChanged change) {
            return change.type();
        }
        if (event instanceof AppEvent.TokenRevoked) {
            return "token.revoked";
        }
        return "other";
    }

    private void count(String type, String outcome) {
        registry.counter("natter.authenticator.events", "type", type, "outcome", outcome).increment();
    }
}
