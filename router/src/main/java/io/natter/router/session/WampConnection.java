package io.natter.router.session;

import io.natter.router.peer.ClientRoles;
import io.natter.router.util.Completion;
import io.natter.router.util.Ids;
import io.natter.router.outbound.Outbound;
import io.natter.router.util.ProtocolViolation;
import io.natter.router.peer.Session;
import io.natter.router.util.Timers;
import io.natter.router.peer.TransportInfo;

import io.natter.router.auth.AuthStep;
import io.natter.router.auth.Authenticator;
import io.natter.router.auth.HelloRateLimiter;
import io.natter.router.realm.Realm;
import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Authenticate;
import io.natter.wamp.message.Challenge;
import io.natter.wamp.message.Goodbye;
import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Message;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The WAMP side of one transport connection: the opening handshake state machine, the session it
 * establishes, and how that session ends.
 *
 * <pre>
 * AWAIT_HELLO --HELLO--> AUTHENTICATING --accept--> ESTABLISHED --GOODBYE--> AWAIT_HELLO
 *                              |   ^ challenge/AUTHENTICATE   |--killed by router--> CLOSING --GOODBYE--> CLOSED
 *                              v   |                          |--ABORT, violation, slow consumer, transport gone--> CLOSED
 *                          CHALLENGED
 * </pre>
 *
 * <p>Threading: inbound messages arrive one at a time on the connection's event loop (the next
 * one only after the {@link Uni} of the previous one completed); the router may end the session
 * from other threads (meta API kill, slow consumer, timers). State changes happen under this
 * object's monitor, never while calling into the realm, so the realm lock and this monitor are
 * never held together.
 *
 * <p>Failures: a protocol violation ends the session with ABORT {@code wamp.error.protocol_violation}
 * and closes the transport (close code 1002); a bug (unexpected exception) is logged and closes the
 * transport with 1011. Neither touches other sessions.
 */
public final class WampConnection {

    /** WebSocket close code after a WAMP protocol violation. */
    public static final int CLOSE_PROTOCOL_ERROR = 1002;
    /** WebSocket close code for a peer that broke a policy (slow consumer, handshake deadline). */
    public static final int CLOSE_POLICY = 1008;
    /** WebSocket close code for an internal error. */
    public static final int CLOSE_INTERNAL_ERROR = 1011;
    /** WebSocket normal close code. */
    public static final int CLOSE_NORMAL = 1000;

    private static final Logger LOG = Logger.getLogger(WampConnection.class);

    enum State { AWAIT_HELLO, AUTHENTICATING, CHALLENGED, ESTABLISHED, CLOSING, CLOSED }

    /** ABORT reason of a HELLO refused by the rate limiter. */
    public static final String RATE_LIMITED = "natter.error.rate_limited";

    private final Function<String, Realm> realms;
    private final List<Authenticator> authenticators;
    private final HelloRateLimiter limiter;
    private final TransportInfo transportInfo;
    private final Outbound outbound;
    private final Map<String, Object> transport;
    private final Timers timers;
    private final long handshakeTimeoutMillis;

    private State state = State.AWAIT_HELLO;
    private volatile Realm realm;
    private Session session;
    private ClientRoles roles;
    private long sessionId;
    // What the refusal log names: the HELLO's realm and authid, then the session's authid.
    private String realmName;
    private String authid;
    private AuthStep.Verifier verifier;
    private Timers.Handle deadline;

    /**
     * @param realms finds a realm by name (null if none)
     * @param authenticators the transport's authentication methods
     * @param limiter counts HELLOs per peer address and authid before any authenticator runs
     * @param transport what the transport knows of the connection (peer, headers, subprotocol)
     * @param handshakeTimeoutMillis how long a connection may stay without a session (and how long
     *     the router waits for the GOODBYE reply of a session it ended)
     */
    public WampConnection(Function<String, Realm> realms, List<Authenticator> authenticators, HelloRateLimiter limiter,
            TransportInfo transport, Outbound outbound, Timers timers, long handshakeTimeoutMillis) {
        this.realms = Objects.requireNonNull(realms, "realms");
        this.authenticators = List.copyOf(authenticators);
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.transportInfo = Objects.requireNonNull(transport, "transport");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.transport = sessionTransport(transport);
        this.timers = Objects.requireNonNull(timers, "timers");
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    /** A connection whose HELLOs are not rate-limited (tests, embedded use). */
    public WampConnection(Function<String, Realm> realms, List<Authenticator> authenticators, TransportInfo transport,
            Outbound outbound, Timers timers, long handshakeTimeoutMillis) {
        this(realms, authenticators, HelloRateLimiter.unlimited(), transport, outbound, timers, handshakeTimeoutMillis);
    }

    /** The transport details the session meta API reports (Crossbar's keys; no HTTP headers). */
    private static Map<String, Object> sessionTransport(TransportInfo info) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("type", "websocket");
        details.put("protocol", info.protocol());
        details.put("peer", info.peer());
        return details;
    }

    /** What the transport knows of the connection. */
    public TransportInfo transportInfo() {
        return transportInfo;
    }

    /** The transport is open: the client has the handshake deadline to establish a session. */
    public void opened() {
        synchronized (this) {
            armDeadline();
        }
    }

    /** The session, once established (null before and after). */
    public synchronized Session session() {
        return state == State.ESTABLISHED ? session : null;
    }

    /** Handles one decoded message; the returned {@link Uni} completes when the next one may be handled. */
    public Uni<Void> onMessage(Message message) {
        try {
            Uni<Void> step = handle(message);
            return Completion.isDone(step) ? step : step.onFailure().recoverWithUni(this::failed);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /** A frame that is not a WAMP message (bad encoding, unknown type, wrong field types). */
    public void onUndecodable(String problem) {
        violation(problem);
    }

    /** The transport is gone: the session (if any) leaves the realm. */
    public void onTransportClosed() {
        Session leaving;
        synchronized (this) {
            leaving = endLocked();
        }
        leave(leaving);
    }

    /**
     * The peer stopped reading and its outbound queue overflowed: it leaves, and the transport is
     * closed with 1008 {@code natter.close.slow_consumer} after a last GOODBYE (or ABORT) that it
     * may never read.
     */
    public void onSlowConsumer() {
        Session leaving;
        boolean established;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            established = state == State.ESTABLISHED || state == State.CLOSING;
            leaving = endLocked();
        }
        leave(leaving);
        Map<String, Object> details = Map.of("message", "outbound queue overflowed: the peer does not read fast enough");
        Message last = established ? new Goodbye(details, WampErrors.SLOW_CONSUMER) : new Abort(details, WampErrors.SLOW_CONSUMER);
        outbound.close(last, CLOSE_POLICY, WampErrors.SLOW_CONSUMER);
    }

    private Uni<Void> handle(Message message) {
        State current;
        Session established;
        synchronized (this) {
            current = state;
            established = session;
        }
        switch (current) {
            case AWAIT_HELLO:
                if (message instanceof Hello hello) {
                    return hello(hello);
                }
                if (message instanceof Abort abort) {
                    logRefusal("ABORT received", abort.reason(), null);
                    close(CLOSE_NORMAL, "client aborted");
                    return Completion.DONE;
                }
                throw new ProtocolViolation(name(message) + " received before HELLO");
            case CHALLENGED:
                if (message instanceof Authenticate authenticate) {
                    return authenticate(authenticate);
                }
                if (message instanceof Abort abort) {
                    logRefusal("ABORT received", abort.reason(), null);
                    close(CLOSE_NORMAL, "client aborted");
                    return Completion.DONE;
                }
                throw new ProtocolViolation(name(message) + " received while AUTHENTICATE was expected");
            case ESTABLISHED:
                return established(established, message);
            case CLOSING:
                if (message instanceof Goodbye || message instanceof Abort) {
                    close(CLOSE_NORMAL, "session ended by the router");
                }
                return Completion.DONE;
            case AUTHENTICATING:
                throw new ProtocolViolation(name(message) + " received while authentication is in progress");
            default:
                return Completion.DONE;
        }
    }

    private Uni<Void> established(Session current, Message message) {
        if (message instanceof Goodbye) {
            synchronized (this) {
                if (state != State.ESTABLISHED) {
                    return Completion.DONE;
                }
                state = State.AWAIT_HELLO;
                session = null;
                armDeadline();
            }
            leave(current);
            outbound.send(new Goodbye(Map.of(), WampErrors.GOODBYE_AND_OUT));
            return Completion.DONE;
        }
        if (message instanceof Abort abort) {
            logRefusal("ABORT received", abort.reason(), null);
            onTransportClosed();
            close(CLOSE_NORMAL, "client aborted");
            return Completion.DONE;
        }
        if (message instanceof Hello) {
            throw new ProtocolViolation("HELLO received in an established session");
        }
        if (message instanceof Authenticate) {
            throw new ProtocolViolation("AUTHENTICATE received in an established session");
        }
        return realm.handle(current, message);
    }

    private Uni<Void> hello(Hello hello) {
        Object authid = hello.details().get("authid");
        synchronized (this) {
            realmName = hello.realm();
            this.authid = authid instanceof String named ? named : null;
        }
        Realm target = realms.apply(hello.realm());
        if (target == null) {
            abort(WampErrors.NO_SUCH_REALM, "no realm named '" + hello.realm() + "' exists on this router");
            return Completion.DONE;
        }
        ClientRoles announced = ClientRoles.fromHelloDetails(hello.details());
        HelloRateLimiter.Verdict verdict = limiter.attempt(HelloRateLimiter.addressOf(transportInfo.peer()),
                authid instanceof String named ? named : null);
        if (verdict != HelloRateLimiter.Verdict.ALLOWED) {
            abort(RATE_LIMITED, verdict == HelloRateLimiter.Verdict.ADDRESS_LIMITED
                    ? "too many HELLOs from this address; try again later" : "too many HELLOs for this authid; try again later");
            return Completion.DONE;
        }
        Authenticator authenticator = pickAuthenticator(hello.details());
        if (authenticator == null) {
            abort(WampErrors.NO_AUTH_METHOD, "cannot authenticate using any of the offered authmethods " + hello.details().get("authmethods"));
            return Completion.DONE;
        }
        synchronized (this) {
            if (state != State.AWAIT_HELLO) {
                return Completion.DONE;
            }
            state = State.AUTHENTICATING;
            realm = target;
            roles = announced;
            sessionId = Ids.random();
        }
        return next(authenticator.onHello(target.name(), hello.details(), transportInfo, sessionId));
    }

    private Uni<Void> authenticate(Authenticate authenticate) {
        AuthStep.Verifier current;
        synchronized (this) {
            current = verifier;
            verifier = null;
            state = State.AUTHENTICATING;
        }
        return next(current.verify(authenticate));
    }

    private Uni<Void> next(Uni<AuthStep> step) {
        return step
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("authentication failed with an error: %s", e.getClass().getName());
                    return new AuthStep.Reject(WampErrors.AUTHENTICATION_FAILED, "authentication failed: internal error");
                })
                .invoke(this::onAuthStep)
                .replaceWithVoid();
    }

    private void onAuthStep(AuthStep step) {
        if (step instanceof AuthStep.Accept accept) {
            Realm target;
            ClientRoles announced;
            long id;
            synchronized (this) {
                if (state != State.AUTHENTICATING) {
                    return;
                }
                target = realm;
                announced = roles;
                id = sessionId;
            }
            String role = accept.principal().authrole();
            if (!target.hasRole(role)) {
                abort(WampErrors.NO_SUCH_ROLE, "realm '" + target.name() + "' has no role '" + role + "'");
                return;
            }
            Session joined = target.join(id, accept.principal(), announced, outbound, transport, this::endedByRouter);
            boolean gone;
            synchronized (this) {
                gone = state != State.AUTHENTICATING;
                if (!gone) {
                    session = joined;
                    authid = joined.authid();
                    state = State.ESTABLISHED;
                    cancelDeadline();
                }
            }
            if (gone) {
                target.leave(joined);
            }
        } else if (step instanceof AuthStep.Challenge challenge) {
            synchronized (this) {
                if (state != State.AUTHENTICATING) {
                    return;
                }
                state = State.CHALLENGED;
                verifier = challenge.verifier();
            }
            outbound.send(new Challenge(challenge.authmethod(), challenge.extra()));
        } else if (step instanceof AuthStep.Reject reject) {
            abort(reject.reason(), reject.message());
        }
    }

    private Authenticator pickAuthenticator(Map<String, Object> details) {
        Object offered = details.get("authmethods");
        if (offered == null) {
            for (Authenticator authenticator : authenticators) {
                if (authenticator.authmethod().equals("anonymous")) {
                    return authenticator;
                }
            }
            return null;
        }
        if (!(offered instanceof List<?> methods)) {
            throw new ProtocolViolation("HELLO.Details.authmethods must be a list of strings");
        }
        for (Object method : methods) {
            if (!(method instanceof String)) {
                throw new ProtocolViolation("HELLO.Details.authmethods must be a list of strings");
            }
            for (Authenticator authenticator : authenticators) {
                if (authenticator.authmethod().equals(method)) {
                    return authenticator;
                }
            }
        }
        return null;
    }

    /** The router ended the session (meta API kill): say GOODBYE and wait for the reply. */
    private void endedByRouter(String reason, String message) {
        synchronized (this) {
            if (state != State.ESTABLISHED) {
                return;
            }
            state = State.CLOSING;
            session = null;
            armDeadline();
        }
        outbound.send(new Goodbye(message == null ? Map.of() : Map.of("message", message), reason));
    }

    private Uni<Void> failed(Throwable failure) {
        if (failure instanceof ProtocolViolation violation) {
            violation(violation.getMessage());
        } else {
            LOG.errorf(failure, "bug while handling a WAMP message; closing the connection");
            onTransportClosed();
            outbound.close(null, CLOSE_INTERNAL_ERROR, "internal error");
        }
        return Completion.DONE;
    }

    private void violation(String problem) {
        Session leaving;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            leaving = endLocked();
        }
        logRefusal("protocol violation", WampErrors.PROTOCOL_VIOLATION, problem);
        leave(leaving);
        outbound.close(new Abort(Map.of("message", problem), WampErrors.PROTOCOL_VIOLATION), CLOSE_PROTOCOL_ERROR, "protocol violation");
    }

    private void abort(String reason, String message) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            endLocked();
        }
        logRefusal("HELLO refused", reason, message);
        outbound.close(new Abort(Map.of("message", message), reason), CLOSE_NORMAL, "session refused");
    }

    private void close(int code, String reason) {
        synchronized (this) {
            endLocked();
        }
        outbound.close(null, code, reason);
    }

    private void deadlinePassed() {
        Session leaving;
        synchronized (this) {
            deadline = null;
            if (state == State.ESTABLISHED || state == State.CLOSED) {
                return;
            }
            leaving = endLocked();
        }
        leave(leaving);
        outbound.close(null, CLOSE_POLICY, "no WAMP session established in time");
    }

    /** One line of the refusal log about this connection (its message is the router's own text or null). */
    private void logRefusal(String what, String reason, String message) {
        long id;
        String realmNamed;
        String named;
        synchronized (this) {
            id = sessionId;
            realmNamed = realmName;
            named = authid;
        }
        RefusalLog.ROUTER.log(what, id, transportInfo.peer(), realmNamed, named, reason, message);
    }

    /** Moves to CLOSED and returns the session that has to leave, if any. Monitor held. */
    private Session endLocked() {
        Session leaving = state == State.ESTABLISHED ? session : null;
        state = State.CLOSED;
        session = null;
        verifier = null;
        cancelDeadline();
        return leaving;
    }

    private void leave(Session leaving) {
        if (leaving != null) {
            realm.leave(leaving);
        }
    }

    private void armDeadline() {
        cancelDeadline();
        deadline = timers.schedule(handshakeTimeoutMillis, this::deadlinePassed);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel();
            deadline = null;
        }
    }

    private static String name(Message message) {
        return message.getClass().getSimpleName().toUpperCase();
    }
}
