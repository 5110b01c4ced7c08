package io.natter.router.observe;

import io.natter.router.peer.Session;

/**
 * Told of changes to subscriptions or registrations after the broker or dealer released the realm
 * lock and sent its reply; the subscription and registration meta events come out of it. Calls
 * come from whichever thread made the change.
 *
 * @param <T> {@code Subscription} or {@code Registration}
 */
public interface ObservationListener<T extends Observation> {

    /** {@code session} joined {@code observation}; {@code created} if it is the first observer. */
    void attached(Session session, T observation, boolean created);

    /** {@code session} left {@code observation}; {@code deleted} if it was the last observer. */
    void detached(Session session, T observation, boolean deleted);
}
