package io.natter.router.realm;

/**
 * Bounds of one realm's state that a client can make grow: retained events (per realm),
 * subscriptions and registrations (per session), and the rate of a session's publications.
 *
 * @param maxRetainedTopics topics whose last retained event is kept; past it the topic retained
 *        least recently loses its event
 * @param maxRetainedBytes approximate payload bytes of all retained events (see
 *        {@code broker.RetainedEvents}); past it, too, the oldest retained events are dropped
 * @param maxSubscriptionsPerSession subscriptions one session may hold (0: no cap)
 * @param maxRegistrationsPerSession registrations one session may hold (0: no cap)
 * @param publishesPerSecond publications one session may make per second, with a burst of as
 *        many (0: no limit); past it a PUBLISH is refused ({@code natter.error.rate_limited})
 */
public record RealmLimits(int maxRetainedTopics, long maxRetainedBytes, int maxSubscriptionsPerSession,
        int maxRegistrationsPerSession, int publishesPerSecond) {

    /** The defaults of {@code natter.router.*} (see the router README). */
    public static final RealmLimits DEFAULTS = new RealmLimits(10_000, 64L * 1024 * 1024, 1000, 1000, 0);

    public RealmLimits {
        if (maxRetainedTopics < 0 || maxRetainedBytes < 0 || maxSubscriptionsPerSession < 0 || maxRegistrationsPerSession < 0
                || publishesPerSecond < 0) {
            throw new IllegalArgumentException("realm limits must not be negative");
        }
    }
}
