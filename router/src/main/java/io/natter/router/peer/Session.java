package io.natter.router.peer;

import io.natter.router.util.Ids;
import io.natter.router.outbound.Outbound;
import io.natter.router.outbound.OutgoingMessage;

import io.natter.router.access.Principal;
import io.natter.router.access.SessionGrants;
import io.natter.wamp.message.Message;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An established WAMP session: its identity, what its client announced, and its way out.
 *
 * <p>A session is attached to its realm from WELCOME until it leaves (GOODBYE, ABORT, transport
 * closed) or the router ends it (meta API kill, slow consumer). Identity fields are immutable;
 * {@link #send} is thread-safe (see {@link Outbound}); {@link #nextInvocationIdLocked()} is used
 * under the realm lock.
 */
public final class Session {

    private static final VarHandle ATTACHED;

    static {
        try {
            ATTACHED = MethodHandles.lookup().findVarHandle(Session.class, "attached", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Told when the router ends a session on its own initiative. */
    @FunctionalInterface
    public interface EndListener {
        /** The router detached the session; the transport should say GOODBYE({@code reason}). */
        void endedByRouter(String reason, String message);
    }

    private final long id;
    private final String realm;
    private final Principal principal;
    private final ClientRoles roles;
    private final Outbound outbound;
    private final Map<String, Object> transport;
    private final EndListener endListener;
    // The publication rate limit's token bucket; only the session's inbound thread touches it.
    private double publishTokens = -1;
    private long publishRefilled;
    /** The last INVOCATION request ID the router gave this session; realm lock held. */
    private long lastInvocationId;
    // A field, not an AtomicBoolean: one object less to touch per EVENT on fan-out.
    private volatile boolean attached = true;
    private final SessionGrants grants = new SessionGrants();

    public Session(long id, String realm, Principal principal, ClientRoles roles, Outbound outbound,
            Map<String, Object> transport, EndListener endListener) {
        this.id = id;
        this.realm = Objects.requireNonNull(realm, "realm");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.roles = Objects.requireNonNull(roles, "roles");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.transport = transport == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(transport));
        this.endListener = Objects.requireNonNull(endListener, "endListener");
    }

    public long id() {
        return id;
    }

    public String realm() {
        return realm;
    }

    public String authid() {
        return principal.authid();
    }

    public String authrole() {
        return principal.authrole();
    }

    public Principal principal() {
        return principal;
    }

    public ClientRoles roles() {
        return roles;
    }

    /**
     * The request ID of the next INVOCATION to this session (its INTERRUPT carries the same): the
     * router numbers its own requests per session, 1, 2, 3, ..., wrapping from 2^53 to 1. Only
     * under the realm lock.
     */
    public long nextInvocationIdLocked() {
        lastInvocationId = Ids.next(lastInvocationId);
        return lastInvocationId;
    }

    /** Queues {@code message} for this session's peer; dropped once the session has left. */
    public void send(Message message) {
        if (attached) {
            outbound.send(message);
        }
    }

    /** Queues a shared, lazily encoded message for this session's peer; dropped once the session has left. */
    public void send(OutgoingMessage message) {
        if (attached) {
            outbound.send(message);
        }
    }

    /**
     * Takes one publication from the session's token bucket (capacity {@code perSecond}, refilled
     * at {@code perSecond} per second); false when it is empty. Only on the session's inbound
     * thread; no allocation.
     */
    public boolean takePublishToken(int perSecond, long nowNanos) {
        if (publishTokens < 0) {
            publishTokens = perSecond;
        } else {
            publishTokens = Math.min(perSecond, publishTokens + (nowNanos - publishRefilled) * (perSecond / 1e9));
        }
        publishRefilled = nowNanos;
        if (publishTokens < 1) {
            return false;
        }
        publishTokens -= 1;
        return true;
    }

    /** The dynamic authorizer's cached answers for this session (they end with it). */
    public SessionGrants grants() {
        return grants;
    }

    public Outbound outbound() {
        return outbound;
    }

    /** Whether the session is still attached to its realm. */
    public boolean isAttached() {
        return attached;
    }

    /**
     * Marks the session detached; true only for the first caller, so leaving happens once. The
     * realm sets this before it takes its lock to remove the session's state, and the broker and
     * dealer check it under that lock before adding state for a session: so a request racing the
     * session's end either is cleaned up with it or adds nothing.
     */
    public boolean detach() {
        return ATTACHED.compareAndSet(this, true, false);
    }

    /** Tells the transport side that the router ended this session. */
    public void notifyEndedByRouter(String reason, String message) {
        endListener.endedByRouter(reason, message);
    }

    /**
     * The session details as the session meta API and {@code wamp.session.on_join} carry them
     * (Crossbar's shape): session, realm, authid, authrole, authmethod, authprovider, authextra,
     * transport.
     */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("session", id);
        details.put("realm", realm);
        details.put("authid", principal.authid());
        details.put("authrole", principal.authrole());
        details.put("authmethod", principal.authmethod());
        details.put("authprovider", principal.authprovider());
        details.put("authextra", principal.authextra());
        details.put("transport", transport);
        return details;
    }

    @Override
    public String toString() {
        return "Session[" + id + ", " + principal.authid() + "/" + principal.authrole() + "]";
    }
}
