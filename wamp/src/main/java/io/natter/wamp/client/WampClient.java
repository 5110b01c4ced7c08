package io.natter.wamp.client;

import io.natter.wamp.auth.Secret;
import io.natter.wamp.client.transport.VertxWebSocketTransport;
import io.natter.wamp.client.transport.WampTransport;
import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.Serializers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    private final ClientContext context;
    private final ClientListeners listeners;
    private final SessionKeeper keeper;

    private WampClient(Vertx vertx, ClientConfig config) {
        this.context = new ClientContext(vertx);
        this.listeners = new ClientListeners(context);
        this.keeper = new SessionKeeper(context, config, listeners);
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
        context.run(() -> keeper.connect(promise));
        return promise.future();
    }

    /**
     * Leaves the realm (GOODBYE, then waits for the router's GOODBYE up to the request timeout)
     * and closes the connection; stops reconnecting. Completes when the socket is closed. The
     * client may {@link #connect()} again later.
     */
    public Future<Void> close() {
        return context.future(keeper::close);
    }

    /** The current session, or null while not joined. */
    public SessionInfo session() {
        return keeper.joined();
    }

    /** Whether a session is established now. */
    public boolean isJoined() {
        return keeper.joined() != null;
    }

    /** Runs {@code listener} after every join, once subscriptions and registrations are restored. */
    public WampClient onJoin(Consumer<SessionInfo> listener) {
        listeners.onJoin(listener);
        return this;
    }

    /** Runs {@code listener} with the reason URI when a session ends (GOODBYE either way, or ABORT). */
    public WampClient onLeave(Consumer<String> listener) {
        listeners.onLeave(listener);
        return this;
    }

    /** Runs {@code listener} when an open WebSocket closes, whatever the reason. */
    public WampClient onDisconnect(Runnable listener) {
        listeners.onDisconnect(listener);
        return this;
    }

    /** Runs {@code listener} when a reconnect attempt is scheduled, with its number and delay. */
    public WampClient onReconnect(Consumer<ReconnectAttempt> listener) {
        listeners.onReconnect(listener);
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
        return whenJoined(s -> s.pubSub().subscribe(subscription));
    }

    /** Subscribes {@code handler} to exactly {@code topic}. */
    public Future<Subscription> subscribe(String topic, Consumer<EventDetails> handler) {
        return subscribe(topic, Map.of(), handler);
    }

    /** Drops {@code subscription}: its handler gets no more events, now or after a reconnect. */
    public Future<Void> unsubscribe(Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        return context.future(() -> {
            subscription.release();
            keeper.holdings().untrack(subscription);
            return keeper.ifJoined(s -> s.pubSub().unsubscribe(subscription));
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
        return whenJoined(s -> s.pubSub().publish(topic, args, kwargs, opts));
    }

    /** Publishes positional arguments to {@code topic} without acknowledgement. */
    public Future<Long> publish(String topic, List<Object> args) {
        return publish(topic, args, Map.of(), Map.of());
    }

    /** The subscriptions the application holds now. */
    public Future<List<Subscription>> subscriptions() {
        return context.future(() -> Future.succeededFuture(keeper.holdings().subscriptions()));
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
        return whenJoined(s -> s.callee().register(registration));
    }

    /** Drops {@code registration}: no more invocations, now or after a reconnect. */
    public Future<Void> unregister(Registration registration) {
        Objects.requireNonNull(registration, "registration");
        return context.future(() -> {
            registration.release();
            keeper.holdings().untrack(registration);
            return keeper.ifJoined(s -> s.callee().unregister(registration));
        });
    }

    /** The registrations the application holds now. */
    public Future<List<Registration>> registrations() {
        return context.future(() -> Future.succeededFuture(keeper.holdings().registrations()));
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
        PendingCall handle = new PendingCall(context);
        handle.result(whenJoined(s -> s.caller().call(procedure, args, kwargs, opts, handle)));
        return handle;
    }

    private <T> Future<T> whenJoined(Function<ClientSession, Future<T>> work) {
        return context.future(() -> keeper.whenJoined(work));
    }

    // ---------------------------------------------------------------- configuration

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
            return new WampClient(vertx, new ClientConfig(uri, realm, serializer, authenticator, authExtra, reconnect,
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
