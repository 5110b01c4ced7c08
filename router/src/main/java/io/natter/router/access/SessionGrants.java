package io.natter.router.access;

import io.natter.router.access.Authorization;
import io.natter.router.access.UriOverlap;

import io.natter.wamp.uri.MatchPolicy;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The dynamic authorizer's cached answers for one session, and only for it: a grant never
 * outlives its session (it lives in the session object) and never reaches another session of the
 * same role (the leak Crossbar's per-role cache has). Entries expire after their time to live; the
 * least recently used entry goes first when the cache is full; {@link #revoke} drops those a
 * revoked URI pattern touches.
 *
 * <p>A revocation bumps a generation counter: an authorizer answer that was asked for before a
 * revocation and arrives after it is used for its request but not cached, so a grant revoked
 * while its authorizer call was in flight does not come back.
 *
 * <p>Thread-safe (one monitor; every operation is a few map operations).
 */
public final class SessionGrants {

    /** What an answer was given for: a URI (or pattern), its match policy and the action. */
    public record Key(String uri, MatchPolicy match, Action action) {
        public Key {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(action, "action");
        }
    }

    private record Entry(Authorization authorization, long expiresAtNanos) {
    }

    private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long generation;

    /** The cached answer for {@code key}, or null when there is none or it expired. */
    public synchronized Authorization get(Key key, long nowNanos) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nowNanos - entry.expiresAtNanos >= 0) {
            entries.remove(key);
            return null;
        }
        return entry.authorization;
    }

    /** The current generation; pass it back to {@link #put} with the answer asked for now. */
    public synchronized long generation() {
        return generation;
    }

    /**
     * Caches an answer asked for at {@code generationAsked}, unless a revocation happened since.
     *
     * @param maxEntries the most answers kept; the least recently used goes first
     */
    public synchronized void put(Key key, Authorization authorization, long expiresAtNanos, int maxEntries, long generationAsked) {
        if (generationAsked != generation || maxEntries < 1) {
            return;
        }
        entries.put(key, new Entry(authorization, expiresAtNanos));
        Iterator<Key> eldest = entries.keySet().iterator();
        while (entries.size() > maxEntries && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    /** Drops every answer whose URI pattern can match a URI {@code uri} under {@code match} matches; returns how many. */
    public synchronized int revoke(String uri, MatchPolicy match) {
        generation++;
        int dropped = 0;
        for (Iterator<Key> it = entries.keySet().iterator(); it.hasNext();) {
            Key key = it.next();
            if (UriOverlap.overlaps(uri, match, key.uri(), key.match())) {
                it.remove();
                dropped++;
            }
        }
        return dropped;
    }

    /** Cached answers, expired ones included until looked up. */
    public synchronized int size() {
        return entries.size();
    }
}
