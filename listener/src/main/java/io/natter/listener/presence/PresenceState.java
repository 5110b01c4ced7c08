package io.natter.listener.presence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who is subscribed to each thread's chat topic {@code natter.thread.<thread>}, as the router's
 * meta events tell it: sessions (id → authid), the thread subscriptions (id → thread) and their
 * subscribers (session ids). A user is online in a thread while at least one of their sessions is
 * subscribed there: two tabs are one user, online until the last one goes.
 *
 * <p>Every operation is idempotent and set-like (add or remove one element), so the latest
 * operation on an element decides it: replaying events that a snapshot already reflects, in their
 * order, leaves the truth. Each operation returns the presence changes it made (joined/left per
 * thread and user). Only exact subscriptions to {@code natter.thread.<permalink>} count; the
 * listener's own prefix subscription and any other topic are ignored.
 *
 * <p>Not thread-safe: the {@link PresenceTracker} owns it and uses it from one event loop.
 */
public final class PresenceState {

    static final String THREAD_TOPIC = "natter.thread.";
    private static final Pattern PERMALINK = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Map<Long, String> sessions = new HashMap<>();
    private final Map<Long, String> subscriptions = new HashMap<>();
    private final Map<Long, Set<Long>> subscribers = new HashMap<>();
    private final Map<String, Set<Long>> threadSubscriptions = new HashMap<>();

    /** The thread of a chat topic, or null for any other topic. */
    public static String threadOf(String uri) {
        if (uri == null || !uri.startsWith(THREAD_TOPIC)) {
            return null;
        }
        String thread = uri.substring(THREAD_TOPIC.length());
        return isThread(thread) ? thread : null;
    }

    /** Whether {@code thread} is a permalink: lower-case letters and digits in runs joined by single {@code -}, at most 64. */
    public static boolean isThread(String thread) {
        return thread != null && thread.length() <= 64 && PERMALINK.matcher(thread).matches();
    }

    /** Whether the session's authid is known (from its join or a lookup). */
    public boolean knows(long session) {
        return sessions.containsKey(session);
    }

    /** Whether the subscription is a thread subscription this state tracks. */
    public boolean tracks(long subscription) {
        return subscriptions.containsKey(subscription);
    }

    /** {@code wamp.session.on_join} (or a looked-up session): the session's authid. */
    public List<PresenceChange> join(long session, String authid) {
        if (authid == null) {
            return List.of();
        }
        if (authid.equals(sessions.get(session))) {
            return List.of();
        }
        // A session's authid never changes; a subscribed session learnt late may bring its user online.
        return around(threadsOf(session), () -> sessions.put(session, authid));
    }

    /** {@code wamp.session.on_leave}: the session and all its subscriptions are gone. */
    public List<PresenceChange> leave(long session) {
        Set<String> threads = threadsOf(session);
        return around(threads, () -> {
            for (Set<Long> set : subscribers.values()) {
                set.remove(session);
            }
            sessions.remove(session);
        });
    }

    /** {@code wamp.subscription.on_create}: a subscription on {@code uri} with {@code match}. */
    public List<PresenceChange> create(long subscription, String uri, String match) {
        String thread = match == null || "exact".equals(match) ? threadOf(uri) : null;
        if (thread == null || subscriptions.containsKey(subscription)) {
            return List.of();
        }
        return around(Set.of(thread), () -> {
            subscriptions.put(subscription, thread);
            threadSubscriptions.computeIfAbsent(thread, t -> new HashSet<>()).add(subscription);
        });
    }

    /** {@code wamp.subscription.on_subscribe}: the session subscribes; ignored for an untracked subscription. */
    public List<PresenceChange> subscribe(long subscription, long session) {
        String thread = subscriptions.get(subscription);
        if (thread == null) {
            return List.of();
        }
        return around(Set.of(thread), () -> subscribers.computeIfAbsent(subscription, s -> new HashSet<>()).add(session));
    }

    /** {@code wamp.subscription.on_unsubscribe}. */
    public List<PresenceChange> unsubscribe(long subscription, long session) {
        String thread = subscriptions.get(subscription);
        if (thread == null) {
            return List.of();
        }
        return around(Set.of(thread), () -> {
            Set<Long> set = subscribers.get(subscription);
            if (set != null) {
                set.remove(session);
            }
        });
    }

    /** {@code wamp.subscription.on_delete}: the subscription is gone with whoever was still on it. */
    public List<PresenceChange> delete(long subscription) {
        String thread = subscriptions.get(subscription);
        if (thread == null) {
            return List.of();
        }
        return around(Set.of(thread), () -> {
            subscriptions.remove(subscription);
            subscribers.remove(subscription);
            Set<Long> subs = threadSubscriptions.get(thread);
            if (subs != null) {
                subs.remove(subscription);
                if (subs.isEmpty()) {
                    threadSubscriptions.remove(thread);
                }
            }
        });
    }

    /** Who is online in {@code thread}, sorted. */
    public List<String> online(String thread) {
        Set<String> online = new TreeSet<>();
        for (long subscription : threadSubscriptions.getOrDefault(thread, Set.of())) {
            for (long session : subscribers.getOrDefault(subscription, Set.of())) {
                String authid = sessions.get(session);
                if (authid != null) {
                    online.add(authid);
                }
            }
        }
        return new ArrayList<>(online);
    }

    /** Every thread with someone online → who (sorted by thread). */
    public Map<String, List<String>> snapshot() {
        Map<String, List<String>> all = new TreeMap<>();
        for (String thread : threadSubscriptions.keySet()) {
            List<String> online = online(thread);
            if (!online.isEmpty()) {
                all.put(thread, online);
            }
        }
        return all;
    }

    /**
     * The changes that turn {@code before} into {@code after} (thread → online; e.g. what Redis
     * last held and the rebuilt truth): one per user who left or joined, threads in order, in
     * each thread lefts first.
     */
    public static List<PresenceChange> differences(Map<String, ? extends Collection<String>> before,
            Map<String, ? extends Collection<String>> after) {
        Set<String> threads = new TreeSet<>(after.keySet());
        threads.addAll(before.keySet());
        List<PresenceChange> changes = new ArrayList<>();
        for (String thread : threads) {
            Collection<String> was = before.get(thread);
            Collection<String> is = after.get(thread);
            diff(thread, was == null ? new TreeSet<>() : new TreeSet<>(was), is == null ? new TreeSet<>() : new TreeSet<>(is),
                    changes);
        }
        return changes;
    }

    private Set<String> threadsOf(long session) {
        Set<String> threads = new HashSet<>();
        subscribers.forEach((subscription, set) -> {
            if (set.contains(session)) {
                String thread = subscriptions.get(subscription);
                if (thread != null) {
                    threads.add(thread);
                }
            }
        });
        return threads;
    }

    /** Runs {@code change} and reports how the presence of {@code threads} moved. */
    private List<PresenceChange> around(Set<String> threads, Runnable change) {
        if (threads.isEmpty()) {
            change.run();
            return List.of();
        }
        Map<String, Set<String>> before = new TreeMap<>();
        for (String thread : threads) {
            before.put(thread, new TreeSet<>(online(thread)));
        }
        change.run();
        List<PresenceChange> changes = new ArrayList<>();
        before.forEach((thread, was) -> diff(thread, was, new TreeSet<>(online(thread)), changes));
        return changes;
    }

    /** Lefts first, then joins, each with the online list as it stands after that one step. */
    private static void diff(String thread, Set<String> was, Set<String> is, List<PresenceChange> out) {
        Set<String> current = new TreeSet<>(was);
        for (String authid : was) {
            if (!is.contains(authid)) {
                current.remove(authid);
                out.add(PresenceChange.left(thread, authid, new ArrayList<>(current)));
            }
        }
        for (String authid : is) {
            if (!was.contains(authid)) {
                current.add(authid);
                out.add(PresenceChange.joined(thread, authid, new ArrayList<>(current)));
            }
        }
    }
}
