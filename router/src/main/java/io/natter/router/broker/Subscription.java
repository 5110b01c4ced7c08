package io.natter.router.broker;

import io.natter.router.session.Session;
import io.natter.wamp.uri.MatchPolicy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subscription: one topic or pattern under one match policy, shared by every session subscribed
 * to it (the spec's router-scope subscription ID).
 *
 * <p>The subscriber set is copy-on-write: it changes only under the realm lock, and a publish takes
 * the current array under that lock and delivers from it after releasing it, without copying.
 */
public final class Subscription {

    private static final Session[] NONE = new Session[0];

    private final long id;
    private final String uri;
    private final MatchPolicy policy;
    private final String created;
    private volatile Session[] subscribers = NONE;

    Subscription(long id, String uri, MatchPolicy policy, Instant created) {
        this.id = id;
        this.uri = uri;
        this.policy = policy;
        this.created = created.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public long id() {
        return id;
    }

    public String uri() {
        return uri;
    }

    public MatchPolicy policy() {
        return policy;
    }

    /** The current subscribers; the array is never modified, callers must not modify it either. */
    public Session[] subscribers() {
        return subscribers;
    }

    public boolean isEmpty() {
        return subscribers.length == 0;
    }

    /** Whether {@code session} is subscribed. */
    public boolean contains(Session session) {
        for (Session s : subscribers) {
            if (s == session) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code session}; false if it already was a subscriber. Realm lock held. */
    boolean add(Session session) {
        if (contains(session)) {
            return false;
        }
        Session[] next = Arrays.copyOf(subscribers, subscribers.length + 1);
        next[subscribers.length] = session;
        subscribers = next;
        return true;
    }

    /** Removes {@code session}; false if it was not a subscriber. Realm lock held. */
    boolean remove(Session session) {
        Session[] current = subscribers;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == session) {
                Session[] next = new Session[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                subscribers = next;
                return true;
            }
        }
        return false;
    }

    /** The subscription details of the meta API: {@code {id, created, uri, match}}. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("id", id);
        details.put("created", created);
        details.put("uri", uri);
        details.put("match", policy.wireName());
        return details;
    }
}
