package io.natter.wamp.client;

import io.natter.wamp.WampErrors;
import io.natter.wamp.client.transport.TransportConnection;
import io.natter.wamp.client.transport.TransportListener;
import io.natter.wamp.client.transport.TransportRequest;
import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Call;
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
import io.natter.wamp.serialization.WampDecodeException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One connection and the WAMP session on it: the transport connection, its state, the dispatch
 * of everything the router sends to the role that handles it, and the one way a session ends
 * ({@link #end}). The opening handshake is {@link ClientHandshake}'s, the requests and their
 * replies {@link SessionRequests}', and the roles are {@link SessionPubSub}, {@link SessionCaller}
 * and {@link SessionCallee}. A reconnect makes a new instance; this one never comes back once
 * {@link #end} ran.
 *
 * <p>Concurrency: confined to the owning client's context. Every method runs on that context's
 * thread; what the transport reports is handed over to it (with the Vert.x transport it already
 * runs there, so that costs nothing), so no state here is shared. Frames are handled one at a
 * time in arrival order: SUBSCRIBED is processed (and the subscription wired) before any EVENT
 * that follows it, and events of one subscription reach its handler in the order the router sent
 * them.
 */
final class ClientSession {

    private static final System.Logger LOG = System.getLogger(ClientSession.class.getName());

    enum State { CONNECTING, HANDSHAKE, JOINED, CLOSING, ENDED }

    private final SessionKeeper keeper;
    private final ClientContext context;
    private final ClientConfig config;
    private final SessionRequests requests;
    private final SessionPubSub pubSub;
    private final SessionCaller caller;
    private final SessionCallee callee;
    private State state = State.CONNECTING;
    private TransportConnection socket;
    private ClientHandshake handshake;
    private long handshakeTimer = -1;
    private SessionInfo info;
    private Promise<Void> goodbye;
    private WampException endCause;

    ClientSession(SessionKeeper keeper, ClientConfig config) {
        this.keeper = keeper;
        this.context = keeper.context();
        this.config = config;
        this.requests = new SessionRequests(this, context);
        this.pubSub = new SessionPubSub(this, requests, config);
        this.caller = new SessionCaller(this, requests);
        this.callee = new SessionCallee(this, requests, config);
    }

    boolean isJoined() {
        return state == State.JOINED;
    }

    boolean isClosing() {
        return state == State.CLOSING;
    }

    /** Whether the handshake is still under way (an answer computed elsewhere may arrive late). */
    boolean inHandshake() {
        return state == State.HANDSHAKE;
    }

    SessionInfo info() {
        return info;
    }

    ClientContext context() {
        return context;
    }

    Holdings holdings() {
        return keeper.holdings();
    }

    SessionPubSub pubSub() {
        return pubSub;
    }

    SessionCaller caller() {
        return caller;
    }

    SessionCallee callee() {
        return callee;
    }

    // ---------------------------------------------------------------- connection and handshake

    void open() {
        TransportRequest request = new TransportRequest(URI.create(config.uri()), config.serializer().subprotocol(),
                config.headers(), config.maxMessageSize(), config.connectTimeout());
        handshakeTimer = context.setTimer(config.connectTimeout().toMillis(), t -> {
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
        opening.onComplete(ar -> context.run(() -> {
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
            context.run(() -> frame(text.getBytes(StandardCharsets.UTF_8), false));
        }

        @Override
        public void onBinary(byte[] bytes) {
            context.run(() -> frame(bytes, true));
        }

        @Override
        public void onClose(int code, String reason) {
            context.run(() -> end(endCause != null ? endCause
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
        keeper.sessionJoined(this);
    }

    // ---------------------------------------------------------------- established session

    /** The one dispatch of an established session: each message to the role it is for. */
    private void established(Message message) {
        if (message instanceof Event m) {
            pubSub.event(m);
        } else if (message instanceof Result m) {
            caller.result(m);
        } else if (message instanceof Invocation m) {
            callee.invocation(m);
        } else if (message instanceof Error m) {
            error(m);
        } else if (message instanceof Subscribed m) {
            pubSub.subscribed(m);
        } else if (message instanceof Published m) {
            pubSub.published(m);
        } else if (message instanceof Registered m) {
            callee.registered(m);
        } else if (message instanceof Unsubscribed m) {
            pubSub.unsubscribed(m);
        } else if (message instanceof Unregistered m) {
            callee.unregistered(m);
        } else if (message instanceof Interrupt m) {
            callee.interrupt(m);
        } else if (message instanceof Goodbye m) {
            goodbye(m);
        } else if (message instanceof Abort m) {
            keeper.listeners().left(m.reason());
            fail(new WampException(m.reason(), List.of(), Map.of(), m.details()), false);
        } else {
            violation(message.getClass().getSimpleName() + " in an established session");
        }
    }

    /** ERROR for a request of any role: fails that request. */
    private void error(Error m) {
        int type = m.requestType();
        if (type != Subscribe.CODE && type != Unsubscribe.CODE && type != Publish.CODE && type != Register.CODE
                && type != Unregister.CODE && type != Call.CODE) {
            violation("ERROR for a request of type " + type);
            return;
        }
        requests.fail(m.request(), type, "ERROR", new WampException(m.error(), m.args(), m.kwargs(), m.details()));
    }

    private void goodbye(Goodbye m) {
        keeper.listeners().left(m.reason());
        if (state == State.CLOSING) {
            goodbye.tryComplete();
            return;
        }
        send(new Goodbye(Map.of(), WampErrors.GOODBYE_AND_OUT));
        fail(new WampException(m.reason(), "the router ended the session"), false);
    }

    // ---------------------------------------------------------------- the end

    /** Leaves the realm (GOODBYE, waiting for the router's for at most the request timeout) and closes the socket. */
    Future<Void> leave(String reason) {
        if (state == State.ENDED) {
            return Future.succeededFuture();
        }
        Promise<Void> closed = context.promise();
        if (state == State.JOINED) {
            state = State.CLOSING;
            goodbye = context.promise();
            long timer = context.setTimer(config.requestTimeout().toMillis(), t -> goodbye.tryComplete());
            send(new Goodbye(Map.of(), reason));
            goodbye.future().onComplete(ar -> {
                context.cancelTimer(timer);
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
        socket.close().onComplete(ar -> context.run(() -> {
            end(cause, false);
            closed.complete();
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
        requests.failAll(cause.error().equals(ClientErrors.CLOSED) ? cause
                : new WampException(ClientErrors.CONNECTION_LOST, "the connection was lost: " + cause.getMessage()));
        callee.interruptAll();
        if (goodbye != null) {
            goodbye.tryComplete();
        }
        keeper.sessionEnded(this, cause, fatal, wasOpen);
    }

    private void cancelHandshakeTimer() {
        if (handshakeTimer >= 0) {
            context.cancelTimer(handshakeTimer);
            handshakeTimer = -1;
        }
    }
}
