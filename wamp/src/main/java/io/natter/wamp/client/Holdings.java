package io.natter.wamp.client;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The subscriptions and registrations the application holds across sessions, in the order they
 * were first acknowledged: what a rejoin makes again. Confined to the client's context thread.
 */
final class Holdings {

    private final Set<Subscription> subscriptions = new LinkedHashSet<>();
    private final Set<Registration> registrations = new LinkedHashSet<>();

    void track(Subscription subscription) {
        subscriptions.add(subscription);
    }

    void untrack(Subscription subscription) {
        subscription.deactivate();
        subscriptions.remove(subscription);
    }

    void track(Registration registration) {
        registrations.add(registration);
    }

    void untrack(Registration registration) {
        registration.deactivate();
        registrations.remove(registration);
    }

    /** Drops {@code held}, a subscription or a registration. */
    void untrack(Held<?> held) {
        if (held instanceof Subscription subscription) {
            untrack(subscription);
        } else {
            untrack((Registration) held);
        }
    }

    List<Subscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    List<Registration> registrations() {
        return List.copyOf(registrations);
    }
}
