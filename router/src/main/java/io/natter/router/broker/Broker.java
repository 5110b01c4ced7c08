package io.natter.router.broker;

import io.natter.router.observe.ObservationKind;
import io.natter.router.observe.ObservationListener;
import io.natter.router.observe.Observations;
import io.natter.router.observe.Observations.Attached;
import io.natter.router.observe.Observations.Detached;
import io.natter.router.util.Ids;
import io.natter.router.outbound.OutgoingMessage;
import io.natter.router.peer.Session;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Published;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.uri.MatchPolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Lock;

/**
 * The broker of one realm: subscriptions and the delivery of publications.
 *
 * <p>Concurrency: the broker's subscriptions ({@link Observations}) are guarded by the realm lock
 * it is given (see the realm's Javadoc). Mutations and their replies (SUBSCRIBED, UNSUBSCRIBED)
 * happen under the lock; a publish takes the matching subscriptions and their current subscriber
 * arrays under the lock, and encodes and queues the events after releasing it. Since SUBSCRIBED is
 * queued under the lock before the new subscriber becomes visible to any publish, it reaches the
 * subscriber before any EVENT of that subscription; since one publisher's messages are handled one
 * after another and each session's outbound queue keeps order, events from one publisher reach a
 * subscriber in the order published. Listener calls (meta events) happen after the lock is
 * released.
 *
 * <p>Validation of URIs and options and authorization happen before these methods are called.
 */
public final class Broker {

    /** ERROR of a SUBSCRIBE (or REGISTER) past the session's cap. */
    public static final String LIMIT_EXCEEDED = "natter.error.limit_exceeded";

    private final Lock lock;
    private final Clock clock;
    private final Observations<Subscription> subscriptions;
    private final RetainedEvents retained;
    private final int maxSubscriptionsPerSession;

    public Broker(Lock lock, ObservationListener<Subscription> listener, Clock clock) {
        this(lock, listener, clock, 10_000, 64L * 1024 * 1024, 0);
    }

    /**
     * A broker that keeps the retained events of at most {@code maxRetainedTopics} topics and about
     * {@code maxRetainedBytes} of their payload (see {@link RetainedEvents}), and lets one session
     * hold at most {@code maxSubscriptionsPerSession} subscriptions (0: no cap).
     */
    public Broker(Lock lock, ObservationListener<Subscription> listener, Clock clock, int maxRetainedTopics, long maxRetainedBytes,
            int maxSubscriptionsPerSession) {
        this.lock = Objects.requireNonNull(lock, "lock");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.subscriptions = new Observations<>(lock, ObservationKind.SUBSCRIPTION, listener);
        this.retained = new RetainedEvents(maxRetainedTopics, maxRetainedBytes);
        this.maxSubscriptionsPerSession = maxSubscriptionsPerSession;
    }

    /** Subscribes {@code session} (URI and policy already validated and authorized) and answers SUBSCRIBED. */
    public void subscribe(Session session, long request, String topic, MatchPolicy policy) {
        subscribe(session, request, topic, policy, false);
    }

    /**
     * Subscribes {@code session} (URI and policy already validated and authorized) and answers
     * SUBSCRIBED; with {@code getRetained}, follows it with the topic's retained event (EVENT details
     * {@code retained: true}) when there is one the session may have. As in Crossbar.io, retained
     * events are kept per exact topic and handed to exact subscriptions only.
     */
    public void subscribe(Session session, long request, String topic, MatchPolicy policy, boolean getRetained) {
        Attached<Subscription> attached;
        lock.lock();
        try {
            if (!session.isAttached()) {
                return;
            }
            if (overCapLocked(session, topic, policy)) {
                session.send(new Error(Subscribe.CODE, request, Map.of(), LIMIT_EXCEEDED,
                        List.of("this session already holds " + maxSubscriptionsPerSession + " subscriptions, the most it may"), Map.of()));
                return;
            }
            attached = subscriptions.attachLocked(session, topic, policy, id -> new Subscription(id, topic, policy, clock.instant()));
            session.send(new Subscribed(request, attached.observation().id()));
            if (getRetained && policy == MatchPolicy.EXACT) {
                // Under the lock: a publication retained after this one reaches the session live, not twice.
                RetainedEvents.Retained event = retained.get(topic);
                if (event != null && event.admits(session)) {
                    session.send(retainedEvent(attached.observation(), event));
                }
            }
        } finally {
            lock.unlock();
        }
        subscriptions.tell(session, attached);
    }

    // Whether one more distinct subscription would take the session past its cap (joining one it holds never does).
    private boolean overCapLocked(Session session, String topic, MatchPolicy policy) {
        if (maxSubscriptionsPerSession == 0 || subscriptions.countLocked(session) < maxSubscriptionsPerSession) {
            return false;
        }
        Subscription existing = subscriptions.lookupLocked(topic, policy);
        return existing == null || !existing.contains(session);
    }

    /** The number of topics with a retained event. */
    public int retainedCount() {
        lock.lock();
        try {
            return retained.size();
        } finally {
            lock.unlock();
        }
    }

    /** Unsubscribes {@code session} and answers UNSUBSCRIBED, or ERROR no_such_subscription. */
    public void unsubscribe(Session session, long request, long subscriptionId) {
        subscriptions.unobserve(session, request, subscriptionId);
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
        List<Match> matches = options.retain() ? retainAndMatch(topic, options, identity, args, kwargs) : match(topic);
        deliver(matches, publisher, options, topic, publication, identity, args, kwargs);
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
        List<Detached<Subscription>> left;
        lock.lock();
        try {
            left = subscriptions.detachAllLocked(session);
        } finally {
            lock.unlock();
        }
        subscriptions.tell(session, left);
    }

    /** The subscriptions: the meta API's queries, and removing a subscriber on the router's initiative. */
    public Observations<Subscription> subscriptions() {
        return subscriptions;
    }

    private record Match(Subscription subscription, Session[] subscribers) {
    }

    private List<Match> match(String topic) {
        List<Match> matches = new ArrayList<>(4);
        lock.lock();
        try {
            subscriptions.matchAllLocked(topic, subscription -> matches.add(new Match(subscription, subscription.observers())));
        } finally {
            lock.unlock();
        }
        return matches;
    }

    /**
     * Keeps the publication as the topic's retained event and takes the matching subscriptions in
     * the same hold of the lock, so a concurrent subscriber gets it either retained or live, never
     * both nor neither.
     */
    private List<Match> retainAndMatch(String topic, PublishOptions options, Map<String, Object> identity,
            List<Object> args, Map<String, Object> kwargs) {
        List<Match> matches = new ArrayList<>(4);
        lock.lock();
        try {
            retained.retain(topic, args, kwargs, identity, options);
            subscriptions.matchAllLocked(topic, subscription -> matches.add(new Match(subscription, subscription.observers())));
        } finally {
            lock.unlock();
        }
        return matches;
    }

    private static Event retainedEvent(Subscription subscription, RetainedEvents.Retained event) {
        Map<String, Object> details = new LinkedHashMap<>(event.identity());
        details.put("retained", true);
        return new Event(subscription.id(), Ids.random(), details, event.args(), event.kwargs());
    }

    private static void deliver(List<Match> matches, Session publisher, PublishOptions options, String topic,
            long publication, Map<String, Object> identity, List<Object> args, Map<String, Object> kwargs) {
        for (Match match : matches) {
            OutgoingMessage event = null;
            try {
                for (Session receiver : match.subscribers()) {
                    if (receiver == publisher && options.excludeMe()) {
                        continue;
                    }
                    if (!options.admits(receiver)) {
                        continue;
                    }
                    if (event == null) {
                        event = OutgoingMessage.shared(new Event(match.subscription().id(), publication,
                                eventDetails(match.subscription(), topic, identity), args, kwargs));
                    }
                    receiver.send(event);
                }
            } finally {
                if (event != null) {
                    // Every receiver's socket holds its own reference to a shared frame by now.
                    event.release();
                }
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
}
