package io.natter.wamp.client;

import io.natter.wamp.WampErrors;
import io.natter.wamp.client.transport.TransportConnection;
import io.natter.wamp.client.transport.TransportListener;
import io.natter.wamp.client.transport.TransportRequest;
import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Cancel;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Goodbye;
import io.natter.wamp.message.Interrupt;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Published;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Result;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Unregister;
import io.natter.wamp.message.Unregistered;
import io.natter.wamp.message.Unsubscribe;
import io.natter.wamp.message.Unsubscribed;
import io.natter.wamp.message.Welcome;
import io.natter.wamp.message.Yield;
import io.natter.wamp.serialization.WampDecodeException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * One connection and the WAMP session on it: the transport connection, the request ID sequence,
 * the requests waiting for replies and the dispatch of everything the router sends (the opening
 * handshake is {@link ClientHandshake}'s). A reconnect makes a new instance; this one never comes
 * back once {@link #end} ran.
 *
 * <p>Concurrency: confined to the owning {@link WampClient}'s context. Every method runs on that
 * context's thread; what the transport reports is handed over to it (with the Vert.x transport it
 * already runs there, so that costs nothing), so no state here is shared. Frames are handled one at a time in arrival order: SUBSCRIBED is
 * processed (and the subscription wired) before any EVENT that follows it, and events of one
 * subscription reach its handler in the order the router sent them.
 */
final class ClientSession {

    private static final System.Logger LOG = System.getLogger(ClientSession.class.getName());

    enum State { CONNECTING, HANDSHAKE, JOINED, CLOSING, ENDED }

    private final WampClient client;
    private final WampClient.Config config;
    private final RequestIds ids = new RequestIds();
    private final PendingRequests pending = new PendingRequests();
    private final Map<Long, List<Subscription>> subscriptions = new HashMap<>();
    private final Map<Long, Registration> registrations = new HashMap<>();
    private final Map<Long, InvocationContext> invocations = new HashMap<>();
    private State state = State.CONNECTING;
    private TransportConnection socket;
    private ClientHandshake handshake;
    private long handshakeTimer = -1;
    private SessionInfo info;
    private Promise<Void> goodbye;
    private WampException endCause;

    ClientSession(WampClient client, WampClient.Config config) {
        this.client = client;
        this.config = config;
    }

    State state() {
        return state;
    }

    boolean isJoined() {
        return state == State.JOINED;
    }

    SessionInfo info() {
        return info;
    }

    void runOnContext(Runnable task) {
        client.onContext(task);
    }

    void runGuarded(String what, Runnable task) {
        client.runGuarded(what, task);
    }

    // ---------------------------------------------------------------- connection and handshake

    void open() {
        TransportRequest request = new TransportRequest(URI.create(config.uri()), config.serializer().subprotocol(),
                config.headers(), config.maxMessageSize(), config.connectTimeout());
        handshakeTimer = client.vertx().setTimer(config.connectTimeout().toMillis(), t -> {
            handshakeTimer = -1;
            fail(new WampException(ClientErrors.HANDSHAKE_TIMEOUT,
                    "no WELCOME within " + config.connectTimeout().toMillis() + " ms"), false);
        });
        Future<TransportConnection> opening;
        try {
            opening = config.transport().open(request, new Listener());
        } catch (RuntimeException e) {
            opening = Future.failedFuture(e);
        }
        opening.onComplete(ar -> runOnContext(() -> {
            if (ar.failed()) {
                WampException cause = new WampException(ClientErrors.CONNECTION_LOST, "cannot connect: " + ar.cause().getMessage());
                cause.initCause(ar.cause());
                end(cause, false);
            } else if (state == State.ENDED) {
                ar.result().close();
            } else {
                opened(ar.result());
            }
        }));
    }

    private void opened(TransportConnection connection) {
        socket = connection;
        String expected = config.serializer().subprotocol();
        if (!expected.equals(connection.subprotocol())) {
            violation("the router did not accept subprotocol " + expected + " (got " + connection.subprotocol() + ")");
            return;
        }
        state = State.HANDSHAKE;
        handshake = new ClientHandshake(this, config);
        send(handshake.hello());
    }

    /** Hands what the transport reports over to the client's context, in arrival order. */
    private final class Listener implements TransportListener {
        @Override
        public void onText(String text) {
            runOnContext(() -> frame(text.getBytes(StandardCharsets.UTF_8), false));
        }

        @Override
        public void onBinary(byte[] bytes) {
            runOnContext(() -> frame(bytes, true));
        }

        @Override
        public void onClose(int code, String reason) {
            runOnContext(() -> end(endCause != null ? endCause
                    : new WampException(ClientErrors.CONNECTION_LOST, "the connection closed"
                            + (code >= 0 ? " (" + code + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")" : "")),
                    false));
        }

        @Override
        public void onError(Throwable error) {
            LOG.log(Level.DEBUG, "WebSocket error on {0}: {1}", config.safeUri(), error.toString());
        }
    }

    private void frame(byte[] payload, boolean binary) {
        if (state == State.ENDED) {
            return;
        }
        if (binary != config.serializer().binary()) {
            violation("a " + (binary ? "binary" : "text") + " frame on " + config.serializer().subprotocol());
            return;
        }
        Message message;
        try {
            message = config.serializer().decode(payload);
        } catch (WampDecodeException e) {
            violation("undecodable frame: " + e.getMessage());
            return;
        }
        try {
            if (state == State.HANDSHAKE) {
                handshake.handle(message);
            } else {
                established(message);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "bug while handling " + message.getClass().getSimpleName() + " from the router", e);
            violation("the client failed to handle " + message.getClass().getSimpleName());
        }
    }

    /** WELCOME arrived: the session is established. */
    void welcomed(Welcome welcome) {
        cancelHandshakeTimer();
        state = State.JOINED;
        info = SessionInfo.of(welcome.session(), config.realm(), welcome.details());
        client.sessionJoined(this);
    }

    /** Whether the handshake is still under way (an answer computed elsewhere may arrive late). */
    boolean inHandshake() {
        return state == State.HANDSHAKE;
    }

    WampClient client() {
        return client;
    }

    // ---------------------------------------------------------------- established session

    private void established(Message message) {
        if (message instanceof Event m) {
            event(m);
        } else if (message instanceof Result m) {
            result(m);
        } else if (message instanceof Invocation m) {
            invocation(m);
        } else if (message instanceof Error m) {
            error(m);
        } else if (message instanceof Subscribed m) {
            subscribed(m);
        } else if (message instanceof Published m) {
            complete(m.request(), Publish.CODE, "PUBLISHED", m.publication());
        } else if (message instanceof Registered m) {
            registered(m);
        } else if (message instanceof Unsubscribed m) {
            unsubscribed(m);
        } else if (message instanceof Unregistered m) {
            unregistered(m);
        } else if (message instanceof Interrupt m) {
            interrupt(m);
        } else if (message instanceof Goodbye m) {
            goodbye(m);
        } else if (message instanceof Abort m) {
            client.sessionLeft(m.reason());
            fail(new WampException(m.reason(), List.of(), Map.of(), m.details()), false);
        } else {
            violation(message.getClass().getSimpleName() + " in an established session");
        }
    }

    /**
     * The promise of the pending request {@code request} of type {@code requestType}, removed
     * from the pending set; null when there is none. A reply to a request that was never sent is a
     * protocol violation; one to a request that timed out or was canceled is dropped.
     */
    @SuppressWarnings("unchecked")
    private <T> Promise<T> reply(long request, int requestType, String what) {
        PendingRequests.Pending p = pending.remove(request, requestType);
        if (p == null) {
            if (!ids.issued(request)) {
                violation(what + " for request " + request + ", which was never sent");
            } else {
                LOG.log(Level.DEBUG, "{0} for request {1} that is no longer pending: dropped", what, Long.toString(request));
            }
            return null;
        }
        if (p.timer >= 0) {
            client.vertx().cancelTimer(p.timer);
        }
        return (Promise<T>) p.promise;
    }

    /** Completes the pending request {@code request} with {@code value}; see {@link #reply}. */
    private <T> void complete(long request, int requestType, String what, T value) {
        Promise<T> promise = reply(request, requestType, what);
        if (promise != null) {
            promise.tryComplete(value);
        }
    }

    /**
     * SUBSCRIBED or REGISTERED for {@code request}: {@code wire} files the subscription or
     * registration the request was for under the router's ID, then the request completes with it.
     * One the application released while the request was out is not brought back:
     * {@code giveBack} hands the ID back to the router instead, and the request still completes.
     */
    @SuppressWarnings("unchecked")
    private <H extends Held<?>> void acknowledged(long request, int requestType, String what, Consumer<H> wire,
            Runnable giveBack) {
        PendingRequests.Pending p = pending.get(request, requestType);
        Promise<H> promise = reply(request, requestType, what);
        if (promise == null) {
            return;
        }
        H held = (H) p.state;
        if (held.isReleased()) {
            giveBack.run();
        } else {
            wire.accept(held);
        }
        promise.tryComplete(held);
    }

    /**
     * UNSUBSCRIBED or UNREGISTERED without a request: the router revoked the {@code kind}
     * ({@code subscription} or {@code registration}) whose ID {@code details} names.
     * {@code remove} takes it out of this session and {@code untrack} out of the client.
     */
    private <T> void revoked(Map<String, Object> details, String kind, LongFunction<T> remove, Consumer<T> untrack) {
        if (details.get(kind) instanceof Number id) {
            T revoked = remove.apply(id.longValue());
            LOG.log(Level.INFO, "the router revoked " + kind + " {0} ({1})", String.valueOf(id), details.get("reason"));
            if (revoked != null) {
                untrack.accept(revoked);
            }
        }
    }

    private void goodbye(Goodbye m) {
        if (state == State.CLOSING) {
            client.sessionLeft(m.reason());
            goodbye.tryComplete();
            return;
        }
        client.sessionLeft(m.reason());
        send(new Goodbye(Map.of(), WampErrors.GOODBYE_AND_OUT));
        fail(new WampException(m.reason(), "the router ended the session"), false);
    }

    /** Leaves the realm (GOODBYE, waiting for the router's for at most the request timeout) and closes the socket. */
    Future<Void> leave(String reason) {
        if (state == State.ENDED) {
            return Future.succeededFuture();
        }
        Promise<Void> closed = client.context().promise();
        if (state == State.JOINED) {
            state = State.CLOSING;
            goodbye = client.context().promise();
            long timer = client.vertx().setTimer(config.requestTimeout().toMillis(), t -> goodbye.tryComplete());
            send(new Goodbye(Map.of(), reason));
            goodbye.future().onComplete(ar -> {
                client.vertx().cancelTimer(timer);
                close(new WampException(ClientErrors.CLOSED, "the client closed the session"), closed);
            });
        } else {
            close(new WampException(ClientErrors.CLOSED, "the client closed the connection"), closed);
        }
        return closed.future();
    }

    private void close(WampException cause, Promise<Void> closed) {
        if (socket == null || socket.isClosed()) {
            end(cause, false);
            closed.complete();
            return;
        }
        endCause = cause;
        socket.close().onComplete(ar -> runOnContext(() -> {
            end(cause, false);
            closed.complete();
        }));
    }

    // ---------------------------------------------------------------- publish and subscribe

    Future<Long> publish(String topic, List<Object> args, Map<String, Object> kwargs, Map<String, Object> options) {
        if (Boolean.TRUE.equals(options.get("acknowledge"))) {
            return request(Publish.CODE, id -> new Publish(id, options, topic, args, kwargs), null, config.requestTimeout());
        }
        return send(new Publish(ids.next(), options, topic, args, kwargs)).map((Long) null);
    }

    Future<Subscription> subscribe(Subscription subscription) {
        return request(Subscribe.CODE, id -> new Subscribe(id, subscription.options(), subscription.topic()),
                subscription, config.requestTimeout());
    }

    private void subscribed(Subscribed m) {
        this.<Subscription>acknowledged(m.request(), Subscribe.CODE, "SUBSCRIBED", subscription -> {
            subscriptions.computeIfAbsent(m.subscription(), k -> new ArrayList<>()).add(subscription);
            subscription.activate(m.subscription());
            client.track(subscription);
        }, () -> {
            // Another local subscription may share the router's ID: it keeps it.
            if (!subscriptions.containsKey(m.subscription())) {
                request(Unsubscribe.CODE, id -> new Unsubscribe(id, m.subscription()), null, config.requestTimeout());
            }
        });
    }

    /** Drops {@code subscription}; UNSUBSCRIBE goes out only when no other local subscription shares its ID. */
    Future<Void> unsubscribe(Subscription subscription) {
        List<Subscription> same = subscriptions.get(subscription.id());
        if (same == null || !same.remove(subscription)) {
            return Future.succeededFuture();
        }
        if (!same.isEmpty()) {
            return Future.succeededFuture();
        }
        subscriptions.remove(subscription.id());
        return request(Unsubscribe.CODE, id -> new Unsubscribe(id, subscription.id()), null, config.requestTimeout());
    }

    private void unsubscribed(Unsubscribed m) {
        if (m.request() != 0) {
            complete(m.request(), Unsubscribe.CODE, "UNSUBSCRIBED", null);
        } else {
            revoked(m.details(), "subscription", subscriptions::remove, revoked -> revoked.forEach(client::untrack));
        }
    }

    private void event(Event m) {
        List<Subscription> targets = subscriptions.get(m.subscription());
        if (targets == null) {
            LOG.log(Level.DEBUG, "EVENT for subscription {0}, which is gone: dropped", Long.toString(m.subscription()));
            return;
        }
        for (Subscription subscription : List.copyOf(targets)) {
            EventDetails event = EventDetails.of(subscription, m.publication(), m.args(), m.kwargs(), m.details());
            runGuarded("event handler of " + subscription.topic(), () -> subscription.handler().accept(event));
        }
    }

    // ---------------------------------------------------------------- caller

    /** Sends a CALL; its request ID goes to {@code handle} before the CALL is written. */
    Future<CallResult> call(String procedure, List<Object> args, Map<String, Object> kwargs, CallOptions options,
            WampClient.CallHandleImpl handle) {
        Promise<CallResult> promise = client.context().promise();
        long id = ids.next();
        PendingRequests.Pending p = pending.add(id, Call.CODE, promise, options);
        handle.started(this, id);
        if (options.timeout() != null) {
            p.timer = client.vertx().setTimer(options.timeout().toMillis(), t -> {
                if (pending.remove(id, Call.CODE) != null) {
                    promise.tryFail(new WampException(WampErrors.TIMEOUT, "no result within " + options.timeout().toMillis() + " ms"));
                    if (state == State.JOINED) {
                        send(new Cancel(id, Map.of("mode", CancelMode.KILLNOWAIT.wire())));
                    }
                }
            });
        }
        write(new Call(id, options.wireOptions(), procedure, args, kwargs), p);
        return promise.future();
    }

    void cancel(long request, CancelMode mode) {
        PendingRequests.Pending p = pending.get(request, Call.CODE);
        if (p == null || state != State.JOINED) {
            return;
        }
        boolean dealerCancels = info.routerSupports("dealer", "call_canceling");
        if (dealerCancels) {
            send(new Cancel(request, Map.of("mode", mode.wire())));
        }
        // Like Autobahn: skip and killnowait end the call here and now (a dealer following
        // Crossbar sends nothing back for them); only kill waits for the dealer's answer.
        if (mode != CancelMode.KILL || !dealerCancels) {
            Promise<CallResult> promise = reply(request, Call.CODE, "cancel");
            promise.tryFail(new WampException(WampErrors.CANCELED, "the caller canceled the call"));
        }
    }

    private void result(Result m) {
        PendingRequests.Pending p = pending.get(m.request(), Call.CODE);
        CallResult result = new CallResult(m.args(), m.kwargs(), m.details());
        if (p != null && result.isProgress()) {
            CallOptions options = (CallOptions) p.state;
            if (options.progressHandler() != null) {
                runGuarded("progress handler", () -> options.progressHandler().accept(result));
            }
            return;
        }
        complete(m.request(), Call.CODE, "RESULT", result);
    }

    private void error(Error m) {
        int type = m.requestType();
        if (type != Subscribe.CODE && type != Unsubscribe.CODE && type != Publish.CODE && type != Register.CODE
                && type != Unregister.CODE && type != Call.CODE) {
            violation("ERROR for a request of type " + type);
            return;
        }
        Promise<Object> promise = reply(m.request(), type, "ERROR");
        if (promise != null) {
            promise.tryFail(new WampException(m.error(), m.args(), m.kwargs(), m.details()));
        }
    }

    // ---------------------------------------------------------------- callee

    Future<Registration> register(Registration registration) {
        return request(Register.CODE, id -> new Register(id, registration.options(), registration.procedure()),
                registration, config.requestTimeout());
    }

    private void registered(Registered m) {
        this.<Registration>acknowledged(m.request(), Register.CODE, "REGISTERED", registration -> {
            registrations.put(m.registration(), registration);
            registration.activate(m.registration());
            client.track(registration);
        }, () -> request(Unregister.CODE, id -> new Unregister(id, m.registration()), null, config.requestTimeout()));
    }

    Future<Void> unregister(Registration registration) {
        if (registrations.remove(registration.id(), registration)) {
            return request(Unregister.CODE, id -> new Unregister(id, registration.id()), null, config.requestTimeout());
        }
        return Future.succeededFuture();
    }

    private void unregistered(Unregistered m) {
        if (m.request() != 0) {
            complete(m.request(), Unregister.CODE, "UNREGISTERED", null);
        } else {
            revoked(m.details(), "registration", registrations::remove, client::untrack);
        }
    }

    private void invocation(Invocation m) {
        Registration registration = registrations.get(m.registration());
        if (registration == null) {
            send(new Error(Invocation.CODE, m.request(), Map.of(), WampErrors.NO_SUCH_REGISTRATION, List.of(), Map.of()));
            return;
        }
        InvocationContext invocation = new InvocationContext(registration, m.request(), m.args(), m.kwargs(), m.details(), this);
        invocations.put(m.request(), invocation);
        Future<CallResult> outcome;
        try {
            outcome = registration.handler().apply(invocation);
            if (outcome == null) {
                outcome = Future.failedFuture(new NullPointerException("the handler of " + registration.procedure() + " returned null"));
            }
        } catch (RuntimeException e) {
            outcome = Future.failedFuture(e);
        }
        outcome.onComplete(ar -> runOnContext(() -> finish(invocation, ar.succeeded() ? ar.result() : null, ar.cause())));
    }

    private void finish(InvocationContext invocation, CallResult result, Throwable failure) {
        if (invocation.isDone() || invocation.isCanceled() || invocations.remove(invocation.request()) == null) {
            return;
        }
        invocation.markDone();
        if (state != State.JOINED && state != State.CLOSING) {
            return;
        }
        long request = invocation.request();
        if (failure == null) {
            CallResult value = result == null ? CallResult.empty() : result;
            send(new Yield(request, Map.of(), value.args(), value.kwargs()));
        } else if (failure instanceof WampException e) {
            send(new Error(Invocation.CODE, request, Map.of(), e.error(), e.args(), e.kwargs()));
        } else {
            LOG.log(Level.WARNING, "the handler of " + invocation.procedure() + " failed", failure);
            send(new Error(Invocation.CODE, request, Map.of(), ClientErrors.RUNTIME_ERROR,
                    List.of("the procedure failed; see the callee's log"), Map.of()));
        }
    }

    void sendProgress(InvocationContext invocation, List<Object> args, Map<String, Object> kwargs) {
        runOnContext(() -> {
            if (!invocation.isDone() && !invocation.isCanceled() && state == State.JOINED) {
                send(new Yield(invocation.request(), Map.of("progress", true), args, kwargs));
            }
        });
    }

    private void interrupt(Interrupt m) {
        InvocationContext invocation = invocations.remove(m.request());
        if (invocation == null) {
            return;
        }
        invocation.markDone();
        invocation.interrupt();
        send(new Error(Invocation.CODE, m.request(), Map.of(), WampErrors.CANCELED, List.of(), Map.of()));
    }

    // ---------------------------------------------------------------- plumbing

    /** Sends the request the ID-taking {@code message} builds and waits for its reply. */
    private <T> Future<T> request(int type, LongFunction<Message> message, Object state, Duration timeout) {
        Promise<T> promise = client.context().promise();
        long id = ids.next();
        PendingRequests.Pending p = pending.add(id, type, promise, state);
        p.timer = client.vertx().setTimer(timeout.toMillis(), t -> {
            if (pending.remove(id, type) != null) {
                promise.tryFail(new WampException(WampErrors.TIMEOUT, "no reply to request " + id + " within " + timeout.toMillis() + " ms"));
            }
        });
        write(message.apply(id), p);
        return promise.future();
    }

    /** Writes a request's message; if that fails (e.g. an unserializable payload) the request fails. */
    private void write(Message message, PendingRequests.Pending p) {
        send(message).onFailure(e -> runOnContext(() -> {
            if (pending.remove(p.request, p.requestType) != null) {
                if (p.timer >= 0) {
                    client.vertx().cancelTimer(p.timer);
                }
                p.promise.tryFail(e);
            }
        }));
    }

    Future<Void> send(Message message) {
        if (socket == null || socket.isClosed()) {
            return Future.failedFuture(new WampException(ClientErrors.CONNECTION_LOST, "the connection is closed"));
        }
        byte[] frame;
        try {
            frame = config.serializer().encode(message);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return config.serializer().binary()
                ? socket.sendBinary(frame)
                : socket.sendText(new String(frame, StandardCharsets.UTF_8));
    }

    void violation(String why) {
        LOG.log(Level.WARNING, "protocol violation by the router at {0}: {1}; closing the connection", config.safeUri(), why);
        if (socket != null && !socket.isClosed()) {
            send(new Abort(Map.of("message", why), WampErrors.PROTOCOL_VIOLATION));
        }
        fail(new WampException(WampErrors.PROTOCOL_VIOLATION, why), false);
    }

    /** Ends the session for {@code cause} and closes the socket. */
    void fail(WampException cause, boolean fatal) {
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
        end(cause, fatal);
    }

    /** Runs once: fails what is pending, interrupts running invocations and tells the client. */
    private void end(WampException cause, boolean fatal) {
        if (state == State.ENDED) {
            return;
        }
        boolean wasOpen = socket != null;
        state = State.ENDED;
        cancelHandshakeTimer();
        WampException lost = cause.error().equals(ClientErrors.CLOSED) ? cause
                : new WampException(ClientErrors.CONNECTION_LOST, "the connection was lost: " + cause.getMessage());
        for (PendingRequests.Pending p : pending.drain()) {
            if (p.timer >= 0) {
                client.vertx().cancelTimer(p.timer);
            }
            p.promise.tryFail(lost);
        }
        List<InvocationContext> running = List.copyOf(invocations.values());
        invocations.clear();
        running.forEach(InvocationContext::interrupt);
        if (goodbye != null) {
            goodbye.tryComplete();
        }
        client.sessionEnded(this, cause, fatal, wasOpen);
    }

    private void cancelHandshakeTimer() {
        if (handshakeTimer >= 0) {
            client.vertx().cancelTimer(handshakeTimer);
            handshakeTimer = -1;
        }
    }
}
