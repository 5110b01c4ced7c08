package io.natter.wamp.client;

import io.natter.wamp.WampErrors;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The client's state machine across sessions: whether the application wants a session, the one
 * {@link ClientSession} now (if any), the pending {@link WampClient#connect()}, what to restore on
 * rejoin and when to try again ({@link Reconnector}). Confined to the client's context thread.
 */
final class SessionKeeper {

    private static final System.Logger LOG = System.getLogger(SessionKeeper.class.getName());

    /** ABORT reasons after which the client does not try again. */
    static final Set<String> FATAL_ABORTS = Set.of(WampErrors.NO_SUCH_REALM, WampErrors.NO_SUCH_ROLE,
            WampErrors.NOT_AUTHORIZED, WampErrors.AUTHENTICATION_FAILED, WampErrors.NO_AUTH_METHOD,
            WampErrors.PROTOCOL_VIOLATION);

    private final ClientContext context;
    private final ClientConfig config;
    private final ClientListeners listeners;
    private final Holdings holdings = new Holdings();
    private final Reconnector reconnector;
    private ClientSession session;
    private volatile SessionInfo joined;
    private boolean wanted;
    private Promise<SessionInfo> connecting;

    SessionKeeper(ClientContext context, ClientConfig config, ClientListeners listeners) {
        this.context = context;
        this.config = config;
        this.listeners = listeners;
        this.reconnector = new Reconnector(context, config.reconnect(), config.safeUri(), listeners.reconnect);
    }

    ClientContext context() {
        return context;
    }

    ClientListeners listeners() {
        return listeners;
    }

    Holdings holdings() {
        return holdings;
    }

    /** The established session, or null; readable from any thread. */
    SessionInfo joined() {
        return joined;
    }

    /** See {@link WampClient#connect()}. */
    void connect(Promise<SessionInfo> promise) {
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
    }

    /** See {@link WampClient#close()}. */
    Future<Void> close() {
        wanted = false;
        reconnector.cancel();
        failConnecting(new WampException(ClientErrors.CLOSED, "the client was closed"));
        return session == null ? Future.succeededFuture() : session.leave(WampErrors.CLOSE_REALM);
    }

    /** {@code work} on the established session; fails with {@link ClientErrors#NOT_CONNECTED} while there is none. */
    <T> Future<T> whenJoined(Function<ClientSession, Future<T>> work) {
        return session != null && session.isJoined() ? work.apply(session)
                : Future.failedFuture(new WampException(ClientErrors.NOT_CONNECTED, "no session is established"));
    }

    /** {@code work} on the established session; succeeds with nothing to do while there is none. */
    Future<Void> ifJoined(Function<ClientSession, Future<Void>> work) {
        return session != null && session.isJoined() ? work.apply(session) : Future.succeededFuture();
    }

    private void openSession() {
        session = new ClientSession(this, config);
        session.open();
    }

    /** WELCOME arrived on {@code s}: restore what the application holds, then announce the join. */
    void sessionJoined(ClientSession s) {
        List<Future<?>> restored = new ArrayList<>();
        for (Subscription subscription : holdings.subscriptions()) {
            restored.add(s.pubSub().subscribe(subscription).onFailure(e -> dropRestore(s, subscription, e)));
        }
        for (Registration registration : holdings.registrations()) {
            restored.add(s.callee().register(registration).onFailure(e -> dropRestore(s, registration, e)));
        }
        Future.join(restored).onComplete(ar -> {
            if (s != session || !s.isJoined()) {
                return;
            }
            reconnector.reset();
            joined = s.info();
            LOG.log(Level.INFO, "joined realm {0} at {1} as session {2} ({3}/{4})", config.realm(), config.safeUri(),
                    Long.toString(s.info().sessionId()), s.info().authid(), s.info().authrole());
            listeners.joined(s.info());
            if (connecting != null) {
                Promise<SessionInfo> p = connecting;
                connecting = null;
                p.tryComplete(s.info());
            }
        });
    }

    private void dropRestore(ClientSession s, Held<?> held, Throwable e) {
        if (s == session && s.isJoined()) {
            LOG.log(Level.WARNING, "could not restore {0} after reconnect, dropping it: {1}", held, e.getMessage());
            holdings.untrack(held);
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
            listeners.disconnected();
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
}
