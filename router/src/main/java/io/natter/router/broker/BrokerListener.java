package io.natter.router.broker;

import io.natter.router.session.Session;

/**
 * Told of subscription changes after the broker released the realm lock and sent its reply; the
 * subscription meta events come out of it.
 */
public interface BrokerListener {

    /** {@code session} joined {@code subscription}; {@code created} if it is the first subscriber. */
    void subscribed(Session session, Subscription subscription, boolean created);

    /** {@code session} left {@code subscription}; {@code deleted} if it was the last subscriber. */
    void unsubscribed(Session session, Subscription subscription, boolean deleted);

    /** A listener that ignores everything. */
    BrokerListener NONE = new BrokerListener() {
        @Override
        public void subscribed(Session session, Subscription subscription, boolean created) {
        }

        @Override
        public void unsubscribed(Session session, Subscription subscription, boolean deleted) {
        }
    };
}
