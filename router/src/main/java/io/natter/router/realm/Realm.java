package io.natter.router.realm;

import io.natter.router.auth.AuthRealm;
import io.natter.router.auth.Authorizer;
import io.natter.router.access.Principal;
import io.natter.router.dealer.InternalCallResult;
import io.natter.router.broker.Broker;
import io.natter.router.dealer.Dealer;
import io.natter.router.meta.MetaApi;
import io.natter.router.meta.MetaEvents;
import io.natter.router.meta.MetaRealm;
import io.natter.router.peer.ClientRoles;
import io.natter.router.util.Ids;
import io.natter.router.outbound.Outbound;
import io.natter.router.peer.Session;
import io.natter.router.util.Timers;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Welcome;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A WAMP realm: its sessions, its broker and dealer, and its meta API.
 *
 * <h2>Concurrency model</h2>
 *
 * <p>Sessions live on different Vert.x event loops, so a realm is used from several threads at
 * once. All of its mutable state (sessions, subscriptions, registrations, calls in flight) is
 * guarded by one {@link ReentrantLock} per realm, shared by the broker and the dealer. The lock is
 * held only to change that state, to queue the reply that confirms a change (WELCOME, SUBSCRIBED,
 * REGISTERED, ...) and to take a match result (the subscriptions of a topic with their current
 * copy-on-write subscriber arrays; the callee of a call). Encoding and queueing events, and
 * sending the messages of a call, happen after it is released; nothing under the lock blocks or
 * waits for a peer (queueing is non-blocking, see {@link Outbound}). Meta events are published
 * after the lock is released too, so the lock is never re-entered from a listener.
 *
 * <p>Ordering guarantees that follow:
 * <ul>
 *   <li>events from one publisher reach a subscriber in the order published (a session's messages
 *       are handled one after another, and each session's outbound queue keeps order);
 *   <li>SUBSCRIBED reaches a subscriber before any EVENT of that subscription, and REGISTERED a
 *       callee before any INVOCATION of that registration (the reply is queued under the lock
 *       before the new subscriber or callee becomes visible);
 *   <li>a meta event follows the reply it is about; when a session leaves, its
 *       {@code on_unsubscribe}/{@code on_delete} and {@code on_unregister}/{@code on_delete}
 *       events precede its {@code on_leave}.
 * </ul>
 */
public final class Realm implements AuthRealm, MetaRealm {

    private final String name;
    private final List<String> roles;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, Session> sessions = new HashMap<>();
    private final Broker broker;
    private final Dealer dealer;
    private final MetaEvents metaEvents;
    private final Dispatcher dispatcher;
    private final Authorizer authorizer;

    /** A realm with the default limits; see {@link #open(RealmSettings, boolean, RealmLimits, Timers, Clock)}. */
    public static Realm open(RealmSettings settings, boolean strictUris, Timers timers, Clock clock) {
        return open(settings, strictUris, RealmLimits.DEFAULTS, timers, clock);
    }

    /**
     * A realm ready for sessions: built, then given its router procedures (the meta API and
     * {@code natter.router.revoke}), which hold on to it; the constructor lets no reference out.
     */
    public static Realm open(RealmSettings settings, boolean strictUris, RealmLimits limits, Timers timers, Clock clock) {
        Realm realm = new Realm(settings, strictUris, limits, timers, clock);
        MetaApi.install(realm);
        Revocation.install(realm);
        return realm;
    }

    private Realm(RealmSettings settings, boolean strictUris, RealmLimits limits, Timers timers, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(limits, "limits");
        this.name = settings.name();
        this.roles = settings.roles();
        this.metaEvents = new MetaEvents((topic, args) -> broker().publishInternal(topic, args, Map.of()));
        this.broker = new Broker(lock, metaEvents.subscriptions(), clock, limits.maxRetainedTopics(), limits.maxRetainedBytes(),
                limits.maxSubscriptionsPerSession());
        this.dealer = new Dealer(lock, metaEvents.registrations(), timers, clock, limits.maxRegistrationsPerSession());
        this.authorizer = settings.authorizer();
        this.dispatcher = new Dispatcher(broker, dealer, authorizer, new UriCheck(strictUris), limits.publishesPerSecond());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> roles() {
        return roles;
    }

    /** Whether {@code session}'s rights come from a dynamic authorizer (revocation applies to it). */
    boolean isDynamic(Session session) {
        return authorizer.isDynamic(session);
    }

    /** Whether sessions may be welcomed under {@code role}. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    @Override
    public Uni<InternalCallResult> callInternal(String procedure, List<Object> args, Map<String, Object> kwargs, Duration timeout) {
        return dealer.callInternal(procedure, args, kwargs, timeout);
    }

    @Override
    public Broker broker() {
        return broker;
    }

    @Override
    public Dealer dealer() {
        return dealer;
    }

    /** Attaches a new session, queues its WELCOME and publishes {@code wamp.session.on_join}. */
    public Session join(Principal principal, ClientRoles roles, Outbound outbound, Map<String, Object> transport,
            Session.EndListener endListener) {
        return join(Ids.random(), principal, roles, outbound, transport, endListener);
    }

    /**
     * Attaches a new session under {@code proposedId} (the ID its handshake announced in a
     * challenge; a fresh one in the unlikely case another session holds it), queues its WELCOME and
     * publishes {@code wamp.session.on_join}.
     */
    public Session join(long proposedId, Principal principal, ClientRoles roles, Outbound outbound, Map<String, Object> transport,
            Session.EndListener endListener) {
        Session session;
        lock.lock();
        try {
            long id = proposedId;
            while (id == 0 || sessions.containsKey(id)) {
                id = Ids.random();
            }
            session = new Session(id, name, principal, roles, outbound, transport, endListener);
            sessions.put(id, session);
            session.send(new Welcome(id, welcomeDetails(principal)));
        } finally {
            lock.unlock();
        }
        metaEvents.joined(session);
        return session;
    }

    /** Handles a message of an established session; see {@link Dispatcher}. */
    public Uni<Void> handle(Session session, Message message) {
        return dispatcher.dispatch(session, message);
    }

    /** Detaches a leaving session (GOODBYE, ABORT, transport closed); idempotent. */
    public void leave(Session session) {
        detach(session);
    }

    /**
     * Ends a session on the router's initiative: detaches it, then tells its transport to say
     * GOODBYE({@code reason}). False if it had already left.
     */
    @Override
    public boolean kill(Session session, String reason, String message) {
        if (!detach(session)) {
            return false;
        }
        session.notifyEndedByRouter(reason, message);
        return true;
    }

    /** The attached session with {@code id}, or null. */
    @Override
    public Session session(long id) {
        lock.lock();
        try {
            return sessions.get(id);
        } finally {
            lock.unlock();
        }
    }

    /** The attached sessions that satisfy {@code filter}. */
    @Override
    public List<Session> sessions(Predicate<Session> filter) {
        lock.lock();
        try {
            List<Session> result = new ArrayList<>();
            for (Session session : sessions.values()) {
                if (filter.test(session)) {
                    result.add(session);
                }
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** Counts of what the realm holds. */
    public RealmStats stats() {
        int sessionCount;
        lock.lock();
        try {
            sessionCount = sessions.size();
        } finally {
            lock.unlock();
        }
        return new RealmStats(name, sessionCount, broker.subscriptions().count(), dealer.registrations().count(), dealer.pendingCallCount());
    }

    private boolean detach(Session session) {
        if (!session.detach()) {
            return false;
        }
        lock.lock();
        try {
            sessions.remove(session.id());
        } finally {
            lock.unlock();
        }
        broker.removeSession(session);
        dealer.removeSession(session);
        metaEvents.left(session);
        return true;
    }

    private Map<String, Object> welcomeDetails(Principal principal) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("realm", name);
        details.put("authid", principal.authid());
        details.put("authrole", principal.authrole());
        details.put("authmethod", principal.authmethod());
        details.put("authprovider", principal.authprovider());
        if (!principal.authextra().isEmpty()) {
            details.put("authextra", principal.authextra());
        }
        details.put("roles", RouterRoles.ROLES);
        return details;
    }
}
