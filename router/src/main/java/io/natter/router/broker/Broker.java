package io.natter.router.broker;

import io.natter.router.session.Ids;
import io.natter.router.session.OutgoingMessage;
import io.natter.router.session.Session;
import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Published;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Unsubscribe;
import io.natter.wamp.message.Unsubscribed;
import io.natter.wamp.uri.MatchPolicy;
import io.natter.wamp.uri.UriIndex;
import java.time.Clock;
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

/**
 * The broker of one realm: subscriptions and the delivery of publications.
 *
 * <p>Concurrency: the broker's maps are guarded by the realm lock it is given (see the realm's
 * Javadoc). Mutations and their replies (SUBSCRIBED, UNSUBSCRIBED) happen under the lock; a publish
 * takes the matching subscriptions and their current subscriber arrays under the lock, and
 * encodes and queues the events after releasing it. Since SUBSCRIBED is queued under the lock
 * before the new subscriber becomes visible to any publish, it reaches the subscriber before any
 * EVENT of that subscription; since one publisher's messages are handled one after another and
 * each session's outbound queue keeps order, events from one publisher reach a subscriber in the
 * order published. Listener calls (meta events) happen after the lock is released.
 *
 * <p>Validation of URIs and options and authorization happen before these methods are called.
 */
public final class Broker {

    private final Lock lock;
    private final BrokerListener listener;
    private final Clock clock;
    private final UriIndex<Subscription> index = new UriIndex<>();
    private final Map<Long, Subscription> byId = new HashMap<>();
    private final Map<Session, Set<Subscription>> bySession = new IdentityHashMap<>();

    public Broker(Lock lock, BrokerListener listener, Clock clock) {
        this.lock = Objects.requireNonNull(lock, "lock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Subscribes {@code session} (URI and policy already validated and authorized) and answers SUBSCRIBED. */
    public void subscribe(Session session, long request, String topic, MatchPolicy policy) {
        Subscription subscription;
        boolean created = false;
        boolean added;
        lock.lock();
        try {
            subscription = index.get(topic, policy);
            if (subscription == null) {
                subscription = new Subscription(newId(), topic, policy, clock.instant());
                index.put(topic, policy, subscription);
                byId.put(subscription.id(), subscription);
                created = true;
            }
            added = subscription.add(session);
            bySession.computeIfAbsent(session, s -> new LinkedHashSet<>()).add(subscription);
            session.send(new Subscribed(request, subscription.id()));
        } finally {
            lock.unlock();
        }
        if (added) {
            listener.subscribed(session, subscription, created);
        }
    }

    /** Unsubscribes {@code session} and answers UNSUBSCRIBED, or ERROR no_such_subscription. */
    public void unsubscribe(Session session, long request, long subscriptionId) {
        Subscription subscription;
        boolean deleted;
        lock.lock();
        try {
            subscription = byId.get(subscriptionId);
            if (subscription == null || !subscription.contains(session)) {
                session.send(new Error(Unsubscribe.CODE, request, Map.of(), WampErrors.NO_SUCH_SUBSCRIPTION,
                        List.of("no subscription with ID " + subscriptionId + " exists for this session"), Map.of()));
                return;
            }
            deleted = detach(session, subscription);
            session.send(new Unsubscribed(request, Map.of()));
        } finally {
            lock.unlock();
        }
        listener.unsubscribed(session, subscription, deleted);
    }

    /**
     * Delivers a publication from {@code publisher} (validated and authorized) and answers PUBLISHED
     * when asked to. Returns the publication ID.
     *
     * @param disclose whether EVENT details carry the publisher's identity
     */
    public long publish(Session publisher, long request, String topic, PublishOptions options, boolean disclose,
            List<Object> args, Map<String, Object> kwargs) {
        long publication = Ids.random();
        Map<String, Object> identity = disclose ? publisherIdentity(publisher) : Map.of();
        deliver(match(topic), publisher, options, topic, publication, identity, args, kwargs);
        if (options.acknowledge()) {
            publisher.send(new Published(request, publication));
        }
        return publication;
    }

    /** Publishes on behalf of the router itself (meta events): no publisher, no options. */
    public long publishInternal(String topic, List<Object> args, Map<String, Object> kwargs) {
        long publication = Ids.random();
        deliver(match(topic), null, PublishOptions.DEFAULT, topic, publication, Map.of(), args, kwargs);
        return publication;
    }

    /** Removes every subscription of a leaving session, telling the listener of each. */
    public void removeSession(Session session) {
        List<Subscription> left = new ArrayList<>();
        List<Boolean> deleted = new ArrayList<>();
        lock.lock();
        try {
            Set<Subscription> subscriptions = bySession.get(session);
            if (subscriptions == null) {
                return;
            }
            for (Subscription subscription : List.copyOf(subscriptions)) {
                left.add(subscription);
                deleted.add(detach(session, subscription));
            }
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < left.size(); i++) {
            listener.unsubscribed(session, left.get(i), deleted.get(i));
        }
    }

    /**
     * Removes {@code session} from one subscription on the router's initiative (meta API); tells
     * the subscriber with UNSUBSCRIBED when it announced subscription revocation. False if it was
     * not subscribed.
     */
    public boolean removeSubscriber(Subscription subscription, Session session, String reason) {
        boolean deleted;
        lock.lock();
        try {
            if (!subscription.contains(session)) {
                return false;
            }
            deleted = detach(session, subscription);
            if (session.roles().supports("subscriber", "subscription_revocation")) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("subscription", subscription.id());
                if (reason != null) {
                    details.put("reason", reason);
                }
                session.send(new Unsubscribed(0, details));
            }
        } finally {
            lock.unlock();
        }
        listener.unsubscribed(session, subscription, deleted);
        return true;
    }

    /** The subscription with {@code id}, or null. */
    public Subscription get(long id) {
        lock.lock();
        try {
            return byId.get(id);
        } finally {
            lock.unlock();
        }
    }

    /** The subscription managing {@code topic} under {@code policy}, or null (what SUBSCRIBE would join). */
    public Subscription lookup(String topic, MatchPolicy policy) {
        lock.lock();
        try {
            return index.get(topic, policy);
        } finally {
            lock.unlock();
        }
    }

    /** Every subscription a publication to {@code topic} would reach. */
    public List<Subscription> matching(String topic) {
        lock.lock();
        try {
            return index.matchAll(topic);
        } finally {
            lock.unlock();
        }
    }

    /** All subscriptions, or those of {@code session} when it is not null. */
    public List<Subscription> subscriptions(Session session) {
        lock.lock();
        try {
            if (session == null) {
                return new ArrayList<>(byId.values());
            }
            Set<Subscription> own = bySession.get(session);
            return own == null ? List.of() : new ArrayList<>(own);
        } finally {
            lock.unlock();
        }
    }

    /** The number of subscriptions. */
    public int subscriptionCount() {
        lock.lock();
        try {
            return byId.size();
        } finally {
            lock.unlock();
        }
    }

    private record Match(Subscription subscription, Session[] subscribers) {
    }

    private List<Match> match(String topic) {
        List<Match> matches = new ArrayList<>(4);
        lock.lock();
        try {
            index.matchAll(topic, subscription -> matches.add(new Match(subscription, subscription.subscribers())));
        } finally {
            lock.unlock();
        }
        return matches;
    }

    private static void deliver(List<Match> matches, Session publisher, PublishOptions options, String topic,
            long publication, Map<String, Object> identity, List<Object> args, Map<String, Object> kwargs) {
        for (Match match : matches) {
            OutgoingMessage event = null;
            for (Session receiver : match.subscribers()) {
                if (receiver == publisher && options.excludeMe()) {
                    continue;
                }
                if (!options.admits(receiver)) {
                    continue;
                }
                if (event == null) {
                    event = OutgoingMessage.of(new Event(match.subscription().id(), publication,
                            eventDetails(match.subscription(), topic, identity), args, kwargs));
                }
                receiver.send(event);
            }
        }
    }

    private static Map<String, Object> eventDetails(Subscription subscription, String topic, Map<String, Object> identity) {
        if (subscription.policy() == MatchPolicy.EXACT) {
            return identity;
        }
        Map<String, Object> details = new LinkedHashMap<>(identity);
        details.put("topic", topic);
        return details;
    }

    private static Map<String, Object> publisherIdentity(Session publisher) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("publisher", publisher.id());
        identity.put("publisher_authid", publisher.authid());
        identity.put("publisher_authrole", publisher.authrole());
        return identity;
    }

    /** Removes {@code session} from {@code subscription}, deleting it when empty; true if deleted. Lock held. */
    private boolean detach(Session session, Subscription subscription) {
        subscription.remove(session);
        Set<Subscription> own = bySession.get(session);
        if (own != null) {
            own.remove(subscription);
            if (own.isEmpty()) {
                bySession.remove(session);
            }
        }
        if (subscription.isEmpty()) {
            index.remove(subscription.uri(), subscription.policy());
            byId.remove(subscription.id());
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
