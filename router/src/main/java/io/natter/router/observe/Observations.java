package io.natter.router.observe;

import io.natter.router.util.Ids;
import io.natter.router.peer.Session;
import io.natter.wamp.uri.MatchPolicy;
import io.natter.wamp.uri.UriIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The subscriptions of a broker or the registrations of a dealer: indexed by pattern and policy
 * (for matching), by ID and by session, with what the two handle alike — attaching and detaching
 * sessions, a session leaving one or being removed from one by the router, and the queries of the
 * meta API.
 *
 * <p>Concurrency: guarded by the realm lock it is given, which the owning broker or dealer shares.
 * Methods whose names end in {@code Locked} run under the caller's hold of the lock, so that the
 * caller can queue its reply (SUBSCRIBED, REGISTERED) under the same hold; every other method
 * takes the lock itself. Requests handled here ({@link #unobserve}, {@link #revoke}) queue their
 * reply under the lock and tell the listener after releasing it; after a {@code Locked} change,
 * the caller passes what changed to {@link #tell} once it released the lock.
 *
 * @param <T> {@code Subscription} or {@code Registration}
 */
public final class Observations<T extends Observation> {

    /** What {@link #attachLocked} changed: {@code created} if the observation is new, {@code added} if the session is. */
    public record Attached<T>(T observation, boolean created, boolean added) {
    }

    /** What detaching a session changed: {@code deleted} if it was the observation's last observer. */
    public record Detached<T>(T observation, boolean deleted) {
    }

    private final Lock lock;
    private final ObservationKind kind;
    private final ObservationListener<T> listener;
    private final UriIndex<T> index = new UriIndex<>();
    private final Map<Long, T> byId = new HashMap<>();
    private final Map<Session, Set<T>> bySession = new IdentityHashMap<>();

    public Observations(Lock lock, ObservationKind kind, ObservationListener<T> listener) {
        this.lock = Objects.requireNonNull(lock, "lock");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Adds {@code session} to the observation of {@code uri} under {@code policy}, first building
     * it with {@code create} (given a fresh ID; it must carry that URI and policy) when there is
     * none. Lock held.
     */
    public Attached<T> attachLocked(Session session, String uri, MatchPolicy policy, LongFunction<T> create) {
        T observation = index.get(uri, policy);
        boolean created = observation == null;
        if (created) {
            observation = create.apply(newId());
            index.put(uri, policy, observation);
            byId.put(observation.id(), observation);
        }
        boolean added = observation.add(session);
        bySession.computeIfAbsent(session, s -> new LinkedHashSet<>()).add(observation);
        return new Attached<>(observation, created, added);
    }

    /** Removes a leaving {@code session} from everything it observes. Lock held. */
    public List<Detached<T>> detachAllLocked(Session session) {
        Set<T> own = bySession.get(session);
        if (own == null) {
            return List.of();
        }
        List<Detached<T>> left = new ArrayList<>(own.size());
        for (T observation : List.copyOf(own)) {
            left.add(new Detached<>(observation, detach(session, observation)));
        }
        return left;
    }

    /** How many observations {@code session} is part of. Lock held. */
    public int countLocked(Session session) {
        Set<T> own = bySession.get(session);
        return own == null ? 0 : own.size();
    }

    /** The observation of exactly {@code uri} under {@code policy}, or null. Lock held. */
    public T lookupLocked(String uri, MatchPolicy policy) {
        return index.get(uri, policy);
    }

    /** Gives {@code sink} every observation matching {@code uri}. Lock held; {@code sink} must not change them. */
    public void matchAllLocked(String uri, Consumer<T> sink) {
        index.matchAll(uri, sink);
    }

    /** The observation a call to {@code uri} goes to (see {@link UriIndex#bestMatch}), or null. Lock held. */
    public T bestMatchLocked(String uri) {
        return index.bestMatch(uri);
    }

    /** Tells the listener of an attachment, if the session was new to it. Lock not held. */
    public void tell(Session session, Attached<T> attached) {
        if (attached.added()) {
            listener.attached(session, attached.observation(), attached.created());
        }
    }

    /** Tells the listener of each detachment. Lock not held. */
    public void tell(Session session, List<Detached<T>> detached) {
        for (Detached<T> d : detached) {
            listener.detached(session, d.observation(), d.deleted());
        }
    }

    /**
     * Handles UNSUBSCRIBE or UNREGISTER: detaches {@code session} from the observation with
     * {@code id} and answers UNSUBSCRIBED or UNREGISTERED, or ERROR no_such_subscription or
     * no_such_registration when it does not observe it.
     */
    public void unobserve(Session session, long request, long id) {
        T observation;
        boolean deleted;
        lock.lock();
        try {
            observation = byId.get(id);
            if (observation == null || !observation.contains(session)) {
                session.send(kind.noSuch(request, id));
                return;
            }
            deleted = detach(session, observation);
            session.send(kind.removed(request, Map.of()));
        } finally {
            lock.unlock();
        }
        listener.detached(session, observation, deleted);
    }

    /**
     * Removes {@code session} from {@code observation} on the router's initiative (meta API,
     * revocation); tells it with UNSUBSCRIBED or UNREGISTERED when it announced revocation. False if
     * it was not an observer.
     */
    public boolean revoke(T observation, Session session, String reason) {
        Detached<T> detached;
        lock.lock();
        try {
            detached = revokeLocked(observation, session, reason);
        } finally {
            lock.unlock();
        }
        if (detached == null) {
            return false;
        }
        listener.detached(session, observation, detached.deleted());
        return true;
    }

    /**
     * {@link #revoke} under the lock, without telling the listener (the caller does, with
     * {@link #tell(Session, List)}, once the lock is released). Null if {@code session} was not an
     * observer.
     */
    public Detached<T> revokeLocked(T observation, Session session, String reason) {
        if (!observation.contains(session)) {
            return null;
        }
        boolean deleted = detach(session, observation);
        if (session.roles().supports(kind.role(), kind.revocationFeature())) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put(kind.noun(), observation.id());
            if (reason != null) {
                details.put("reason", reason);
            }
            session.send(kind.removed(0, details));
        }
        return new Detached<>(observation, deleted);
    }

    /** The observation with {@code id}, or null. */
    public T get(long id) {
        return locked(() -> byId.get(id));
    }

    /** The observation of exactly {@code uri} under {@code policy}, or null (what SUBSCRIBE or REGISTER would join). */
    public T lookup(String uri, MatchPolicy policy) {
        return locked(() -> index.get(uri, policy));
    }

    /** Every observation matching {@code uri} (what a publication would reach). */
    public List<T> matchAll(String uri) {
        return locked(() -> index.matchAll(uri));
    }

    /** The observation that best matches {@code uri} (what a call would go to), or null. */
    public T bestMatch(String uri) {
        return locked(() -> index.bestMatch(uri));
    }

    /** All observations, or those of {@code session} when it is not null. */
    public List<T> list(Session session) {
        return locked(() -> {
            if (session == null) {
                return new ArrayList<>(byId.values());
            }
            Set<T> own = bySession.get(session);
            return own == null ? List.of() : new ArrayList<>(own);
        });
    }

    /** The number of observations. */
    public int count() {
        return locked(byId::size);
    }

    private <R> R locked(Supplier<R> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code session} from {@code observation}, deleting it when empty; true if deleted. Lock held. */
    private boolean detach(Session session, T observation) {
        observation.remove(session);
        Set<T> own = bySession.get(session);
        if (own != null) {
            own.remove(observation);
            if (own.isEmpty()) {
                bySession.remove(session);
            }
        }
        if (observation.isEmpty()) {
            index.remove(observation.uri(), observation.policy());
            byId.remove(observation.id());
            return true;
        }
        return false;
    }

    private long newId() {
        long id;
        do {
            id = Ids.random();
        } while (byId.containsKey(id));
        return id;
    }
}
