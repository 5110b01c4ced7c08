package io.natter.wamp.quarkus;

import io.micrometer.core.instrument.MeterRegistry;
import io.natter.wamp.client.CallOptions;
import io.natter.wamp.client.CallResult;
import io.natter.wamp.client.ClientErrors;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.InvocationContext;
import io.natter.wamp.client.ReconnectPolicy;
import io.natter.wamp.client.Registration;
import io.natter.wamp.client.SessionInfo;
import io.natter.wamp.client.Subscription;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.client.WampException;
import io.natter.wamp.client.transport.WampTransport;
import io.natter.wamp.serialization.Serializers;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one WAMP session of a Quarkus service: a {@link WampClient} over Quarkus WebSockets Next
 * ({@link WebSocketsNextTransport}) on Quarkus's managed Vert.x, configured by {@link WampConfig}.
 *
 * <p>It starts connecting at {@link StartupEvent} and never fails the start-up: while the router
 * is away it retries with backoff ({@code natter.wamp.reconnect.*}) for ever, even after the
 * router refused the session (say a wrong secret), then at the longest delay. After every rejoin
 * the client subscribes and registers again everything held, with the same handlers.
 *
 * <p>{@link #register} and {@link #subscribe} may be called at any time, also before the first
 * join (e.g. from a {@code StartupEvent} observer): asked while not joined, they are sent at the
 * next join and their futures complete then. One the router refuses fails its future (and is
 * counted in {@code natter.wamp.errors}); it is not retried. {@link #call} and {@link #publish}
 * fail at once with {@link ClientErrors#NOT_CONNECTED} while not joined.
 *
 * <p>Threading: handlers (invocations, events, {@link #onJoin} listeners) run on the client's
 * event-loop context and must not block; an invocation handler with blocking or slow work returns
 * a future and completes it from any thread when done. Futures returned here complete on that
 * context. All methods may be called from any thread.
 */
@ApplicationScoped
public class WampSession {

    private static final Logger LOG = Logger.getLogger(WampSession.class);

    private final WampConfig config;
    private final Vertx vertx;
    private final Instance<BasicWebSocketConnector> connectors;
    private final MeterRegistry registry;

    private WampClient client;
    private WampMetrics metrics;

    private final Object lock = new Object();
    /** Requests waiting for the next join; guarded by {@link #lock}. */
    private final List<Runnable> atJoin = new ArrayList<>();
    /** Between a join (what was held restored) and the end of that session; guarded by {@link #lock}. */
    private boolean joined;
    /** Requests asked before a join that have not had their answer yet. */
    private final AtomicInteger settling = new AtomicInteger();
    private volatile boolean stopped;

    @Inject
    public WampSession(WampConfig config, Vertx vertx, Instance<BasicWebSocketConnector> connectors, MeterRegistry registry) {
        this.config = config;
        this.vertx = vertx;
        this.connectors = connectors;
        this.registry = registry;
    }

    @PostConstruct
    void build() {
        WampTransport transport = new WebSocketsNextTransport(connectors::get, connectors::destroy);
        WampClient.Builder builder = WampClient.builder(vertx, config.url())
                .realm(config.realm())
                .serializer(config.serializer() == WampConfig.Serialization.MSGPACK ? Serializers.MSGPACK : Serializers.JSON)
                .reconnect(new ReconnectPolicy(config.reconnect().initialDelay(), config.reconnect().maxDelay(), 2.0, 0.5,
                        ReconnectPolicy.UNLIMITED))
                .requestTimeout(config.requestTimeout())
                .connectTimeout(config.connectTimeout())
                .transport(transport);
        if (config.authid().isPresent() && config.secret().isPresent()) {
            builder.wampcra(config.authid().get(), config.secret().get());
        } else if (config.authid().isPresent() || config.secret().isPresent()) {
            throw new IllegalStateException("natter.wamp.authid and natter.wamp.secret must be set together (or neither)");
        }
        client = builder.build();
        metrics = new WampMetrics(registry, this::isJoined);
        client.onJoin(this::joined);
        client.onLeave(reason -> left());
        client.onDisconnect(this::left);
        client.onReconnect(attempt -> metrics.reconnect());
    }

    void start(@Observes StartupEvent event) {
        LOG.infof("WAMP session: joining realm %s at %s as %s (%s)", config.realm(), safeUrl(config.url()),
                config.authid().orElse("anonymous"), config.serializer().name().toLowerCase());
        connect();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        try {
            client.close().toCompletionStage().toCompletableFuture()
                    .get(config.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debugf("WAMP session did not close cleanly: %s", e.toString());
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        client.connect().onFailure(e -> {
            if (stopped) {
                return;
            }
            // The client gives up only on an ABORT it deems final (wrong secret, unknown realm);
            // a service keeps trying at the longest delay: the router's config may be fixed.
            metrics.error("", "join");
            LOG.errorf("WAMP session refused by %s: %s; trying again in %d ms", safeUrl(config.url()), e.getMessage(),
                    config.reconnect().maxDelay().toMillis());
            vertx.setTimer(Math.max(1, config.reconnect().maxDelay().toMillis()), t -> connect());
        });
    }

    // ---------------------------------------------------------------- the contract

    /**
     * Registers {@code handler} for {@code procedure} now or at the next join, and again after
     * every rejoin. Each invocation answered with a result counts in
     * {@code natter.wamp.calls.served}, each failure in {@code natter.wamp.errors{kind=invocation}}.
     */
    public Future<Registration> register(String procedure, Map<String, Object> options,
            Function<InvocationContext, Future<CallResult>> handler) {
        Objects.requireNonNull(procedure, "procedure");
        Objects.requireNonNull(handler, "handler");
        Map<String, Object> opts = options == null ? Map.of() : options;
        Function<InvocationContext, Future<CallResult>> counted = invocation -> {
            Future<CallResult> outcome;
            try {
                outcome = handler.apply(invocation);
            } catch (RuntimeException e) {
                outcome = Future.failedFuture(e);
            }
            if (outcome == null) {
                outcome = Future.failedFuture(new NullPointerException("the handler of " + procedure + " returned null"));
            }
            return outcome.onComplete(ar -> {
                if (ar.succeeded()) {
                    metrics.served(procedure);
                } else {
                    metrics.error(procedure, "invocation");
                }
            });
        };
        return whenJoined(() -> client.register(procedure, opts, counted), procedure, "register");
    }

    /**
     * Subscribes {@code handler} to {@code topic} now or at the next join, and again after every
     * rejoin. A handler that throws counts in {@code natter.wamp.errors{kind=event}}.
     */
    public Future<Subscription> subscribe(String topic, Map<String, Object> options, Consumer<EventDetails> handler) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(handler, "handler");
        Map<String, Object> opts = options == null ? Map.of() : options;
        Consumer<EventDetails> counted = event -> {
            try {
                handler.accept(event);
            } catch (RuntimeException e) {
                metrics.error(topic, "event");
                throw e;
            }
        };
        return whenJoined(() -> client.subscribe(topic, opts, counted), topic, "subscribe");
    }

    /** Calls {@code procedure}, waiting at most {@code natter.wamp.request-timeout}; fails at once while not joined. */
    public Future<CallResult> call(String procedure, List<Object> args, Map<String, Object> kwargs) {
        Objects.requireNonNull(procedure, "procedure");
        return client.call(procedure, args == null ? List.of() : args, kwargs == null ? Map.of() : kwargs,
                        CallOptions.defaults().timeout(config.requestTimeout()))
                .onFailure(e -> metrics.error(procedure, "call"));
    }

    /** Publishes to {@code topic} (see {@link WampClient#publish}); fails at once while not joined. */
    public Future<Long> publish(String topic, List<Object> args, Map<String, Object> kwargs, Map<String, Object> options) {
        Objects.requireNonNull(topic, "topic");
        return client.publish(topic, args == null ? List.of() : args, kwargs == null ? Map.of() : kwargs,
                        options == null ? Map.of() : options)
                .onFailure(e -> metrics.error(topic, "publish"));
    }

    /**
     * Whether the session is joined and everything asked before the join (registrations,
     * subscriptions) has its answer: the readiness check is UP exactly then.
     */
    public boolean isJoined() {
        return client != null && client.isJoined() && settling.get() == 0;
    }

    /** The client underneath, for what this class does not wrap (unsubscribe, unregister, call options, ...). */
    public WampClient client() {
        return client;
    }

    /** Runs {@code listener} after every join, once what is held has been restored. */
    public void onJoin(Consumer<SessionInfo> listener) {
        client.onJoin(Objects.requireNonNull(listener, "listener"));
    }

    /** The current session, or null while not joined. */
    public SessionInfo info() {
        return client.session();
    }

    WampConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- requests across joins

    private void joined(SessionInfo info) {
        List<Runnable> due;
        synchronized (lock) {
            joined = true;
            due = List.copyOf(atJoin);
            atJoin.clear();
        }
        LOG.infof("WAMP session %d joined realm %s as %s/%s", info.sessionId(), info.realm(), info.authid(), info.authrole());
        due.forEach(Runnable::run);
    }

    private void left() {
        synchronized (lock) {
            joined = false;
        }
    }

    /**
     * Runs {@code request} now when joined, else at the next join; a request lost to a dropped
     * connection before its answer goes back to wait for the next join.
     */
    private <T> Future<T> whenJoined(Supplier<Future<T>> request, String uri, String kind) {
        PendingRequest<T> pending = new PendingRequest<>(request, uri, kind);
        pending.submit();
        return pending.promise.future();
    }

    /** A register or subscribe on its way to the router, across joins. */
    private final class PendingRequest<T> {
        private final Supplier<Future<T>> request;
        private final String uri;
        private final String kind;
        private final Promise<T> promise = Promise.promise();
        /** Whether it waited for a join and so holds readiness back; written under {@link #lock}. */
        private boolean settlingCounted;

        PendingRequest(Supplier<Future<T>> request, String uri, String kind) {
            this.request = request;
            this.uri = uri;
            this.kind = kind;
        }

        void submit() {
            boolean now;
            synchronized (lock) {
                now = joined && client.isJoined();
                if (!now) {
                    if (!settlingCounted) {
                        settlingCounted = true;
                        settling.incrementAndGet();
                    }
                    atJoin.add(this::send);
                }
            }
            if (now) {
                send();
            }
        }

        private void send() {
            request.get().onComplete(ar -> {
                if (ar.failed() && isDisconnect(ar.cause()) && !stopped) {
                    submit();
                    return;
                }
                if (ar.succeeded()) {
                    promise.complete(ar.result());
                } else {
                    metrics.error(uri, kind);
                    LOG.warnf("WAMP %s %s refused: %s", kind, uri, ar.cause().getMessage());
                    promise.fail(ar.cause());
                }
                boolean counted;
                synchronized (lock) {
                    counted = settlingCounted;
                }
                if (counted) {
                    settling.decrementAndGet();
                }
            });
        }
    }

    private static boolean isDisconnect(Throwable e) {
        return e instanceof WampException w
                && (ClientErrors.NOT_CONNECTED.equals(w.error()) || ClientErrors.CONNECTION_LOST.equals(w.error()));
    }

    /** {@code url} without user info or query (either may carry a credential), for logs and health data. */
    static String safeUrl(String url) {
        try {
            java.net.URI u = java.net.URI.create(url);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "") + u.getRawPath();
        } catch (IllegalArgumentException e) {
            return "(unparsable URI)";
        }
    }
}
