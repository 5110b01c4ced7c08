package io.natter.wamp.client;

import io.natter.wamp.message.Event;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Published;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Unsubscribe;
import io.natter.wamp.message.Unsubscribed;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The publisher and subscriber roles of one {@link ClientSession}: PUBLISH, SUBSCRIBE and
 * UNSUBSCRIBE out, PUBLISHED, SUBSCRIBED, UNSUBSCRIBED and EVENT in. Several local subscriptions
 * may share one router subscription ID. Confined to the client's context thread.
 */
final class SessionPubSub {

    private static final System.Logger LOG = System.getLogger(SessionPubSub.class.getName());

    private final ClientSession session;
    private final SessionRequests requests;
    private final ClientConfig config;
    private final Map<Long, List<Subscription>> subscriptions = new HashMap<>();

    SessionPubSub(ClientSession session, SessionRequests requests, ClientConfig config) {
        this.session = session;
        this.requests = requests;
        this.config = config;
    }

    Future<Long> publish(String topic, List<Object> args, Map<String, Object> kwargs, Map<String, Object> options) {
        if (Boolean.TRUE.equals(options.get("acknowledge"))) {
            return requests.request(Publish.CODE, id -> new Publish(id, options, topic, args, kwargs), null, config.requestTimeout());
        }
        return session.send(new Publish(requests.nextId(), options, topic, args, kwargs)).map((Long) null);
    }

    void published(Published m) {
        requests.complete(m.request(), Publish.CODE, "PUBLISHED", m.publication());
    }

    Future<Subscription> subscribe(Subscription subscription) {
        return requests.request(Subscribe.CODE, id -> new Subscribe(id, subscription.options(), subscription.topic()),
                subscription, config.requestTimeout());
    }

    void subscribed(Subscribed m) {
        requests.<Subscription>acknowledged(m.request(), Subscribe.CODE, "SUBSCRIBED", subscription -> {
            subscriptions.computeIfAbsent(m.subscription(), k -> new ArrayList<>()).add(subscription);
            subscription.activate(m.subscription());
            session.holdings().track(subscription);
        }, () -> {
            // Another local subscription may share the router's ID: it keeps it.
            if (!subscriptions.containsKey(m.subscription())) {
                requests.request(Unsubscribe.CODE, id -> new Unsubscribe(id, m.subscription()), null, config.requestTimeout());
            }
        });
    }

    /** Drops {@code subscription}; UNSUBSCRIBE goes out only when no other local subscription shares its ID. */
    Future<Void> unsubscribe(Subscription subscription) {
        List<Subscription> same = subscriptions.get(subscription.id());
        if (same == null || !same.remove(subscription)) {
            return Future.succeededFuture();
        }
        if (!same.isEmpty()) {
            return Future.succeededFuture();
        }
        subscriptions.remove(subscription.id());
        return requests.request(Unsubscribe.CODE, id -> new Unsubscribe(id, subscription.id()), null, config.requestTimeout());
    }

    void unsubscribed(Unsubscribed m) {
        if (m.request() != 0) {
            requests.complete(m.request(), Unsubscribe.CODE, "UNSUBSCRIBED", null);
        } else {
            SessionRequests.revoked(m.details(), "subscription", subscriptions::remove,
                    revoked -> revoked.forEach(session.holdings()::untrack));
        }
    }

    void event(Event m) {
        List<Subscription> targets = subscriptions.get(m.subscription());
        if (targets == null) {
            LOG.log(Level.DEBUG, "EVENT for subscription {0}, which is gone: dropped", Long.toString(m.subscription()));
            return;
        }
        for (Subscription subscription : List.copyOf(targets)) {
            EventDetails event = EventDetails.of(subscription, m.publication(), m.args(), m.kwargs(), m.details());
            session.context().guarded("event handler of " + subscription.topic(), () -> subscription.handler().accept(event));
        }
    }
}
