package io.natter.wamp.client;

import io.natter.wamp.WampErrors;
import io.natter.wamp.auth.Secret;
import io.natter.wamp.client.transport.VertxWebSocketTransport;
import io.natter.wamp.client.transport.WampTransport;
import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.Serializers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An asynchronous WAMP v2 client over a WebSocket: joins a realm (anonymous, ticket or
 * WAMP-CRA), publishes, subscribes, calls and registers, and reconnects on its own. The WebSocket
 * comes from a {@link WampTransport}: a Vert.x WebSocket client unless
 * {@link Builder#transport} names another (e.g. Quarkus WebSockets Next's in {@code wamp-quarkus}).
 *
 * <pre>{@code
 * WampClient client = WampClient.builder(vertx, "ws://127.0.0.1:9001/ws")
 *         .realm("natter").wampcra("listener", Secret.of(System.getenv("LISTENER_SECRET")))
 *         .reconnect(ReconnectPolicy.defaults()).build();
 * client.connect()
 *       .compose(s -> client.subscribe("natter.thread.", Map.of("match", "prefix"), ev -> store(ev)))
 *       .compose(sub -> client.call("natter.presence.list", List.of("general"), Map.of(), CallOptions.defaults()))
 *       .onSuccess(online -> System.out.println(online.args()));
 * }</pre>
 *
 * <h2>Concurrency</h2>
 * The client is bound to one Vert.x event-loop context: the caller's when {@link Builder#build()}
 * runs on an event loop, else a new one. All its state lives on that context's thread, and every
 * handler runs there: event, invocation, progress and interrupt handlers, the listeners, and the
 * completion of every future it returns. Handlers must therefore not block; a callee with slow
 * work returns a future and does the work elsewhere ({@code vertx.executeBlocking}). Public methods
 * may be called from any thread; the work is queued onto the context, so calls made from one
 * thread take effect in call order (and so take request IDs 1, 2, 3, ... in that order). Messages
 * from the router are handled one at a time in arrival order: events of a subscription reach its
 * handler in the order the router sent them, and a subscription is wired before its first event.
 * Writes are not throttled: a publisher that outpaces the socket queues frames in memory, so bulk
 * publishers pace themselves on {@code acknowledge: true} or on the returned futures.
 *
 * <h2>Requests while not joined</h2>
 * Publish, subscribe, call and register fail at once with {@link ClientErrors#NOT_CONNECTED} while
 * no session is established; requests in flight when the connection drops fail with
 * {@link ClientErrors#CONNECTION_LOST} (or {@link ClientErrors#CLOSED} after {@link #close()}).
 * Unsubscribe and unregister always succeed while disconnected: there is nothing to undo.
 *
 * <h2>Reconnect</h2>
 * When an established connection is lost, when the router ends the session (GOODBYE or ABORT),
 * or when a connection attempt fails, the client waits as its {@link ReconnectPolicy} says and
 * tries again; {@link #connect()} itself retries the first connection the same way. On rejoin it
 * subscribes and registers again everything the application still holds, with the same handler
 * objects; the {@link Subscription} and {@link Registration} objects stay valid and take the new
 * IDs (one the router now refuses is dropped and logged). It stops after {@link #close()}, after the
 * policy's attempts are used up, and after an ABORT of the handshake whose reason says retrying
 * cannot help: {@code wamp.error.no_such_realm}, {@code wamp.error.no_such_role},
 * {@code wamp.error.not_authorized}, {@code wamp.error.authentication_failed},
 * {@code wamp.error.no_auth_method}, {@code wamp.error.protocol_violation}. Other ABORT reasons
 * (e.g. {@code wamp.close.system_shutdown}, {@code wamp.error.authorization_failed}) are retried.
 *
 * <h2>Listeners</h2>
 * {@link #onJoin} runs after every join (the first and each rejoin) once subscriptions and
 * registrations are restored, so an application subscribes once after {@link #connect()} and uses
 * {@code onJoin} only to rebuild state of its own; {@link #onLeave} when a session ends (GOODBYE
 * either way or ABORT); {@link #onDisconnect} when an open WebSocket closes; {@link #onReconnect}
 * when a reconnect attempt is scheduled.
 */
public final class WampClient {

    private static final System.Logger LOG = System.getLogger(WampClient.class.getName());

    static final String AGENT = "natter-wamp-java";

    /** The roles and features HELLO announces. */
    static final Map<String, Object> ROLES = Map.of(
            "publisher", features("publisher_exclusion", "publisher_identification", "subscriber_blackwhite_listing"),
            "subscriber", features("pattern_based_subscription", "publisher_identification", "subscription_revocation"),
            "caller", features("call_canceling", "call_timeout", "caller_identification", "progressive_call_results"),
            "callee", features("call_canceling", "caller_identification", "pattern_based_registration",
                    "progressive_call_results", "registration_revocation", "shared_registration"));

    /** ABORT reasons after which the client does not try again. */
    static final Set<String> FATAL_ABORTS = Set.of(WampErrors.NO_SUCH_REALM, WampErrors.NO_SUCH_ROLE,
            WampErrors.NOT_AUTHORIZED, WampErrors.AUTHENTICATION_FAILED, WampErrors.NO_AUTH_METHOD,
            WampErrors.PROTOCOL_VIOLATION);

    private final Vertx vertx;
    private final ContextInternal context;
    private final Config config;
    private final Reconnector reconnector;
    private final List<Consumer<SessionInfo>> joinListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> leaveListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> disconnectListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ReconnectAttempt>> reconnectListeners = new CopyOnWriteArrayList<>();

    // State below is confined to the context thread.
    private final Set<Subscription> subscriptions = new LinkedHashSet<>();
    private final Set<Registration> registrations = new LinkedHashSet<>();
    private ClientSession session;
    private volatile SessionInfo joined;
    private boolean wanted;
    private Promise<SessionInfo> connecting;

    private WampClient(Vertx vertx, Config config) {
        this.vertx = vertx;
        this.config = config;
        ContextInternal current = ContextInternal.current();
        this.context = current != null && current.isEventLoopContext() && current.owner() == vertx
                ? current : ((VertxInternal) vertx).createEventLoopContext();
        this.reconnector = new Reconnector(vertx, config.reconnect(), config.safeUri(), reconnectListeners);
    }

    /** A builder for a client of the router at {@code uri}, e.g. {@code ws://127.0.0.1:8080/ws}. */
    public static Builder builder(Vertx vertx, String uri) {
        return new Builder(vertx, uri);
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Connects and joins the realm. Completes with the session when WELCOME arrives; fails with a
     * {@link WampException} carrying the ABORT reason URI and message, or once the reconnect
     * policy gives up. While already connecting or joined it answers for the current attempt.
     */
    public Future<SessionInfo> connect() {
        Promise<SessionInfo> promise = context.promise();
        onContext(() -> {
            if (session != null && session.isJoined() && connecting == null) {
                promise.complete(session.info());
            } else if (connecting != null) {
                connecting.future().onComplete(promise);
            } else {
                wanted = true;
                reconnector.reset();
                connecting = promise;
                if (!reconnector.isScheduled() && session == null) {
                    openSession();
                }
            }
        });
        return promise.future();
    }

    /**
     * Leaves the realm (GOODBYE, then waits for the router's GOODBYE up to the request timeout)
     * and closes the connection; stops reconnecting. Completes when the socket is closed. The
     * client may {@link #connect()} again later.
     */
    public Future<Void> close() {
        Promise<Void> promise = context.promise();
        onContext(() -> {
            wanted = false;
            reconnector.cancel();
            failConnecting(new WampException(ClientErrors.CLOSED, "the client was closed"));
            if (session == null) {
                promise.complete();
            } else {
                session.leave(WampErrors.CLOSE_REALM).onComplete(promise);
            }
        });
        return promise.future();
    }

    /** The current session, or null while not joined. */
    public SessionInfo session() {
        return joined;
    }

    /** Whether a session is established now. */
    public boolean isJoined() {
        return joined != null;
    }

    /** Runs {@code listener} after every join, once subscriptions and registrations are restored. */
    public WampClient onJoin(Consumer<SessionInfo> listener) {
        joinListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Runs {@code listener} with the reason URI when a session ends (GOODBYE either way, or ABORT). */
    public WampClient onLeave(Consumer<String> listener) {
        leaveListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Runs {@code listener} when an open WebSocket closes, whatever the reason. */
    public WampClient onDisconnect(Runnable listener) {
        disconnectListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Runs {@code listener} when a reconnect attempt is scheduled, with its number and delay. */
    public WampClient onReconnect(Consumer<ReconnectAttempt> listener) {
        reconnectListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    // ---------------------------------------------------------------- publish and subscribe

    /**
     * Subscribes {@code handler} to {@code topic} (options such as {@code match}: {@code prefix}
     * or {@code wildcard}). Completes when SUBSCRIBED arrives.
     */
    public Future<Subscription> subscribe(String topic, Map<String, Object> options, Consumer<EventDetails> handler) {
        Subscription subscription = new Subscription(Objects.requireNonNull(topic, "topic"), options,
                Objects.requireNonNull(handler, "handler"));
        return whenJoined(s -> s.subscribe(subscription));
    }

    /** Subscribes {@code handler} to exactly {@code topic}. */
    public Future<Subscription> subscribe(String topic, Consumer<EventDetails> handler) {
        return subscribe(topic, Map.of(), handler);
    }

    /** Drops {@code subscription}: its handler gets no more events, now or after a reconnect. */
    public Future<Void> unsubscribe(Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        return onContextFuture(() -> {
            subscription.release();
            untrack(subscription);
            return session != null && session.isJoined() ? session.unsubscribe(subscription) : Future.succeededFuture();
        });
    }

    /**
     * Publishes to {@code topic}. Without {@code acknowledge: true} in {@code options} it completes
     * with null once the PUBLISH is written; with it, with the publication ID from PUBLISHED (or
     * fails with the broker's ERROR). Other options: {@code exclude_me}, {@code exclude},
     * {@code eligible}, {@code disclose_me}, ...
     */
    public Future<Long> publish(String topic, List<Object> args, Map<String, Object> kwargs, Map<String, Object> options) {
        Objects.requireNonNull(topic, "topic");
        Map<String, Object> opts = options == null ? Map.of() : options;
        return whenJoined(s -> s.publish(topic, args, kwargs, opts));
    }

    /** Publishes positional arguments to {@code topic} without acknowledgement. */
    public Future<Long> publish(String topic, List<Object> args) {
        return publish(topic, args, Map.of(), Map.of());
    }

    /** The subscriptions the application holds now. */
    public Future<List<Subscription>> subscriptions() {
        return onContextFuture(() -> Future.succeededFuture(List.copyOf(subscriptions)));
    }

    // ---------------------------------------------------------------- call and register

    /**
     * Registers {@code handler} for {@code procedure} (options such as {@code match},
     * {@code invoke}). The handler runs on the client's context and returns the future of its
     * result. Failing it with a {@link WampException} answers with that ERROR; any other failure
     * answers {@code wamp.error.runtime_error} with a fixed message (the exception is logged here,
     * never sent).
     */
    public Future<Registration> register(String procedure, Map<String, Object> options,
            Function<InvocationContext, Future<CallResult>> handler) {
        Registration registration = new Registration(Objects.requireNonNull(procedure, "procedure"), options,
                Objects.requireNonNull(handler, "handler"));
        return whenJoined(s -> s.register(registration));
    }

    /** Drops {@code registration}: no more invocations, now or after a reconnect. */
    public Future<Void> unregister(Registration registration) {
        Objects.requireNonNull(registration, "registration");
        return onContextFuture(() -> {
            registration.release();
            untrack(registration);
            return session != null && session.isJoined() ? session.unregister(registration) : Future.succeededFuture();
        });
    }

    /** The registrations the application holds now. */
    public Future<List<Registration>> registrations() {
        return onContextFuture(() -> Future.succeededFuture(List.copyOf(registrations)));
    }

    /** Calls {@code procedure}; fails with a {@link WampException} on an ERROR reply, timeout or lost connection. */
    public Future<CallResult> call(String procedure, List<Object> args, Map<String, Object> kwargs, CallOptions options) {
        return startCall(procedure, args, kwargs, options).result();
    }

    /** Calls {@code procedure} with positional arguments and default options. */
    public Future<CallResult> call(String procedure, List<Object> args) {
        return call(procedure, args, Map.of(), CallOptions.defaults());
    }

    /** Like {@link #call(String, List, Map, CallOptions)}, returning a handle that can also cancel the call. */
    public CallHandle startCall(String procedure, List<Object> args, Map<String, Object> kwargs, CallOptions options) {
        Objects.requireNonNull(procedure, "procedure");
        CallOptions opts = options == null ? CallOptions.defaults() : options;
        CallHandleImpl handle = new CallHandleImpl(this);
        handle.result = whenJoined(s -> s.call(procedure, args, kwargs, opts, handle));
        return handle;
    }

    // ---------------------------------------------------------------- session lifecycle (context thread)

    private void openSession() {
        session = new ClientSession(this, config);
        session.open();
    }

    /** WELCOME arrived on {@code s}: restore what the application holds, then announce the join. */
    void sessionJoined(ClientSession s) {
        List<Future<?>> restored = new ArrayList<>();
        for (Subscription subscription : List.copyOf(subscriptions)) {
            restored.add(s.subscribe(subscription).onFailure(e -> dropRestore(s, subscription, e)));
        }
        for (Registration registration : List.copyOf(registrations)) {
            restored.add(s.register(registration).onFailure(e -> dropRestore(s, registration, e)));
        }
        Future.join(restored).onComplete(ar -> {
            if (s != session || !s.isJoined()) {
                return;
            }
            reconnector.reset();
            joined = s.info();
            LOG.log(Level.INFO, "joined realm {0} at {1} as session {2} ({3}/{4})", config.realm(), config.safeUri(),
                    Long.toString(s.info().sessionId()), s.info().authid(), s.info().authrole());
            for (Consumer<SessionInfo> listener : joinListeners) {
                runGuarded("join listener", () -> listener.accept(s.info()));
            }
            if (connecting != null) {
                Promise<SessionInfo> p = connecting;
                connecting = null;
                p.tryComplete(s.info());
            }
        });
    }

    private void dropRestore(ClientSession s, Object held, Throwable e) {
        if (s == session && s.isJoined()) {
            LOG.log(Level.WARNING, "could not restore {0} after reconnect, dropping it: {1}", held, e.getMessage());
            if (held instanceof Subscription sub) {
                untrack(sub);
            } else {
                untrack((Registration) held);
            }
        }
    }

    void sessionLeft(String reason) {
        for (Consumer<String> listener : leaveListeners) {
            runGuarded("leave listener", () -> listener.accept(reason));
        }
    }

    /** {@code s} is over; decide whether to try again. */
    void sessionEnded(ClientSession s, WampException cause, boolean fatal, boolean wasOpen) {
        if (s != session) {
            return;
        }
        session = null;
        joined = null;
        if (wasOpen) {
            for (Runnable listener : disconnectListeners) {
                runGuarded("disconnect listener", listener);
            }
        }
        if (!wanted) {
            return;
        }
        if (fatal) {
            wanted = false;
            LOG.log(Level.WARNING, "the router at {0} refused the session: {1}; not retrying", config.safeUri(), cause.getMessage());
            failConnecting(cause);
            return;
        }
        WampException gaveUp = reconnector.schedule(cause, () -> {
            if (wanted && session == null) {
                openSession();
            }
        }, e -> LOG.log(Level.WARNING, "reconnect listener failed", e));
        if (gaveUp != null) {
            wanted = false;
            failConnecting(gaveUp);
        }
    }

    private void failConnecting(WampException cause) {
        if (connecting != null) {
            Promise<SessionInfo> p = connecting;
            connecting = null;
            p.tryFail(cause);
        }
    }

    void track(Subscription subscription) {
        subscriptions.add(subscription);
    }

    void untrack(Subscription subscription) {
        subscription.deactivate();
        subscriptions.remove(subscription);
    }

    void track(Registration registration) {
        registrations.add(registration);
    }

    void untrack(Registration registration) {
        registration.deactivate();
        registrations.remove(registration);
    }

    // ---------------------------------------------------------------- context plumbing

    Vertx vertx() {
        return vertx;
    }

    ContextInternal context() {
        return context;
    }

    void onContext(Runnable task) {
        if (context.isRunningOnContext()) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    void runGuarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, what + " failed", e);
        }
    }

    private <T> Future<T> onContextFuture(java.util.function.Supplier<Future<T>> work) {
        Promise<T> promise = context.promise();
        onContext(() -> {
            try {
                work.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.tryFail(e);
            }
        });
        return promise.future();
    }

    private <T> Future<T> whenJoined(Function<ClientSession, Future<T>> work) {
        return onContextFuture(() -> session != null && session.isJoined() ? work.apply(session)
                : Future.failedFuture(new WampException(ClientErrors.NOT_CONNECTED, "no session is established")));
    }

    private static Map<String, Object> features(String... names) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (String name : names) {
            features.put(name, true);
        }
        return Map.of("features", features);
    }

    /** A call's handle; {@link ClientSession#call} fills in the session and request ID on the context. */
    static final class CallHandleImpl implements CallHandle {
        private final WampClient client;
        private Future<CallResult> result;
        private ClientSession session;
        private long request;

        CallHandleImpl(WampClient client) {
            this.client = client;
        }

        void started(ClientSession s, long id) {
            session = s;
            request = id;
        }

        @Override
        public Future<CallResult> result() {
            return result;
        }

        @Override
        public void cancel(CancelMode mode) {
            Objects.requireNonNull(mode, "mode");
            client.onContext(() -> {
                if (session != null) {
                    session.cancel(request, mode);
                }
            });
        }
    }

    // ---------------------------------------------------------------- configuration

    /** The settings a client was built with; immutable. */
    record Config(String uri, String realm, Serializer serializer, Authenticator authenticator, Map<String, Object> authExtra,
            ReconnectPolicy reconnect, Duration requestTimeout, Duration connectTimeout, Map<String, String> headers,
            int maxMessageSize, WampTransport transport) {

        /** The URI without query or user info, for logs (either may carry a credential). */
        String safeUri() {
            try {
                URI u = URI.create(uri);
                return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "") + u.getRawPath();
            } catch (IllegalArgumentException e) {
                return "(unparsable URI)";
            }
        }
    }

    /** Builds a {@link WampClient}; {@link #realm} is required, everything else has a default. */
    public static final class Builder {
        private final Vertx vertx;
        private final String uri;
        private String realm;
        private Serializer serializer = Serializers.JSON;
        private Authenticator authenticator = Authenticator.anonymous(null);
        private Map<String, Object> authExtra = Map.of();
        private ReconnectPolicy reconnect = ReconnectPolicy.defaults();
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private final Map<String, String> headers = new LinkedHashMap<>();
        private int maxMessageSize = 16 * 1024 * 1024;
        private WampTransport transport;

        private Builder(Vertx vertx, String uri) {
            this.vertx = Objects.requireNonNull(vertx, "vertx");
            this.uri = Objects.requireNonNull(uri, "uri");
            if (!uri.startsWith("ws://") && !uri.startsWith("wss://")) {
                throw new IllegalArgumentException("uri must be ws:// or wss://, got " + uri);
            }
        }

        /** The realm to join. */
        public Builder realm(String value) {
            this.realm = Objects.requireNonNull(value, "realm");
            return this;
        }

        /** The serializer (and so the subprotocol); default {@code wamp.2.json}. */
        public Builder serializer(Serializer value) {
            this.serializer = Objects.requireNonNull(value, "serializer");
            return this;
        }

        /** Joins anonymously (the default). */
        public Builder anonymous() {
            this.authenticator = Authenticator.anonymous(null);
            return this;
        }

        /** Joins with ticket authentication: the ticket answers the router's challenge. */
        public Builder ticket(String authid, Secret ticket) {
            this.authenticator = Authenticator.ticket(authid, ticket);
            return this;
        }

        /**
         * Joins with WAMP-CRA. When the challenge carries {@code salt}, {@code iterations} and
         * {@code keylen}, the key is first derived from {@code secret} (PBKDF2, as Autobahn does).
         */
        public Builder wampcra(String authid, Secret secret) {
            this.authenticator = Authenticator.wampcra(authid, secret);
            return this;
        }

        /** The {@code authextra} HELLO carries. */
        public Builder authExtra(Map<String, Object> value) {
            this.authExtra = Map.copyOf(Objects.requireNonNull(value, "authExtra"));
            return this;
        }

        /** When to reconnect; default {@link ReconnectPolicy#defaults()}; {@link ReconnectPolicy#none()} never does. */
        public Builder reconnect(ReconnectPolicy value) {
            this.reconnect = Objects.requireNonNull(value, "reconnect");
            return this;
        }

        /** How long subscribe, unsubscribe, register, unregister and acknowledged publish wait; default 10 s. */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = positive(value, "requestTimeout");
            return this;
        }

        /** How long connecting and the opening handshake may take; default 10 s. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        /** Adds a header to the WebSocket upgrade request (e.g. {@code Origin}). */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The largest message accepted from the router, in bytes; default 16 MiB. */
        public Builder maxMessageSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxMessageSize must be at least 1024, got " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /**
         * How the WebSocket is opened; default a {@link VertxWebSocketTransport} on the builder's
         * Vert.x. The session logic, threading and listeners stay the same with any transport.
         */
        public Builder transport(WampTransport value) {
            this.transport = Objects.requireNonNull(value, "transport");
            return this;
        }

        /** The client, not yet connected. */
        public WampClient build() {
            if (realm == null) {
                throw new IllegalStateException("realm is required");
            }
            return new WampClient(vertx, new Config(uri, realm, serializer, authenticator, authExtra, reconnect,
                    requestTimeout, connectTimeout, Map.copyOf(headers), maxMessageSize,
                    transport != null ? transport : new VertxWebSocketTransport(vertx)));
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
