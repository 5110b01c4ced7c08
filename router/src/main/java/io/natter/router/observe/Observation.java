package io.natter.router.observe;

import io.natter.router.peer.Session;
import io.natter.wamp.uri.MatchPolicy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a subscription and a registration have in common: one URI or pattern under one match
 * policy, with a router-scope ID, the time it was created, and the sessions observing it
 * (subscribers or callees) in the order they came.
 *
 * <p>Threading: the observer set changes only under the realm lock. It is copy-on-write, so a
 * reader may take the current array under the lock and use it after releasing it (the broker
 * delivers events that way), and a lone read such as {@link #contains} needs no lock at all.
 */
public abstract class Observation {

    private static final Session[] NONE = new Session[0];

    private final long id;
    private final String uri;
    private final MatchPolicy policy;
    private final String created;
    private volatile Session[] observers = NONE;

    protected Observation(long id, String uri, MatchPolicy policy, Instant created) {
        this.id = id;
        this.uri = uri;
        this.policy = policy;
        this.created = created.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public final long id() {
        return id;
    }

    public final String uri() {
        return uri;
    }

    public final MatchPolicy policy() {
        return policy;
    }

    /** The current observers in the order they came; the array is never modified, callers must not modify it either. */
    public final Session[] observers() {
        return observers;
    }

    public final boolean isEmpty() {
        return observers.length == 0;
    }

    /** Whether {@code session} observes this. */
    public final boolean contains(Session session) {
        for (Session s : observers) {
            if (s == session) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code session} last; false if it already was an observer. Realm lock held. */
    final boolean add(Session session) {
        if (contains(session)) {
            return false;
        }
        Session[] next = Arrays.copyOf(observers, observers.length + 1);
        next[observers.length] = session;
        observers = next;
        return true;
    }

    /** Removes {@code session}; false if it was not an observer. Realm lock held. */
    final boolean remove(Session session) {
        Session[] current = observers;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == session) {
                Session[] next = new Session[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                observers = next;
                removed(session, i);
                return true;
            }
        }
        return false;
    }

    /**
     * Called under the realm lock once {@code session}, which stood at index {@code at}, is no
     * longer an observer, so that a subclass can drop what it kept about it.
     */
    protected void removed(Session session, int at) {
    }

    /** The details of the meta API: {@code {id, created, uri, match}}; subclasses add their own. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("id", id);
        details.put("created", created);
        details.put("uri", uri);
        details.put("match", policy.wireName());
        return details;
    }
}
