package io.natter.router.broker;

import io.natter.router.observe.Observation;
import io.natter.wamp.uri.MatchPolicy;
import java.time.Instant;

/**
 * A subscription: one topic or pattern under one match policy, shared by every session subscribed
 * to it (the spec's router-scope subscription ID). Its observers are the subscribers.
 *
 * <p>The subscriber set is copy-on-write (see {@link Observation}): a publish takes the current
 * array under the realm lock and delivers from it after releasing it, without copying.
 */
public final class Subscription extends Observation {

    Subscription(long id, String uri, MatchPolicy policy, Instant created) {
        super(id, uri, policy, created);
    }
}
