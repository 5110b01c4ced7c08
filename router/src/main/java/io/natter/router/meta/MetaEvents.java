package io.natter.router.meta;

import io.natter.router.broker.Subscription;
import io.natter.router.dealer.Registration;
import io.natter.router.observe.Observation;
import io.natter.router.observe.ObservationListener;
import io.natter.router.peer.Session;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Publishes the session, subscription and registration meta events, with Crossbar.io's argument
 * shapes, from the router itself (no publisher session):
 *
 * <ul>
 *   <li>{@code wamp.session.on_join} [session details]; {@code wamp.session.on_leave} [session, authid, authrole]
 *       (Crossbar drops authid and authrole there; we carry them);
 *   <li>{@code wamp.subscription.on_create} [session, {id, created, uri, match}],
 *       {@code on_subscribe} / {@code on_unsubscribe} / {@code on_delete} [session, subscription];
 *   <li>{@code wamp.registration.on_create} [session, {id, created, uri, match, invoke}],
 *       {@code on_register} / {@code on_unregister} / {@code on_delete} [session, registration].
 * </ul>
 *
 * <p>As Crossbar does, subscriptions and registrations on the router's own {@code wamp.*} URIs
 * produce no meta events (a listener subscribing to meta events would otherwise hear itself).
 * Called after the broker or dealer released the realm lock and sent its reply, so a meta event
 * never overtakes the SUBSCRIBED or REGISTERED it is about.
 */
public final class MetaEvents {

    private final BiConsumer<String, List<Object>> publisher;
    private final ObservationListener<Subscription> subscriptions;
    private final ObservationListener<Registration> registrations;

    /** @param publisher publishes (topic, args) on behalf of the router */
    public MetaEvents(BiConsumer<String, List<Object>> publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.subscriptions = new Lifecycle<>(publisher, MetaUris.SUBSCRIPTION_ON_CREATE, MetaUris.SUBSCRIPTION_ON_SUBSCRIBE,
                MetaUris.SUBSCRIPTION_ON_UNSUBSCRIBE, MetaUris.SUBSCRIPTION_ON_DELETE);
        this.registrations = new Lifecycle<>(publisher, MetaUris.REGISTRATION_ON_CREATE, MetaUris.REGISTRATION_ON_REGISTER,
                MetaUris.REGISTRATION_ON_UNREGISTER, MetaUris.REGISTRATION_ON_DELETE);
    }

    /** A session joined the realm (after its WELCOME). */
    public void joined(Session session) {
        publisher.accept(MetaUris.SESSION_ON_JOIN, List.of(session.details()));
    }

    /** A session left the realm (after its subscriptions and registrations were removed). */
    public void left(Session session) {
        publisher.accept(MetaUris.SESSION_ON_LEAVE, Arrays.asList(session.id(), session.authid(), session.authrole()));
    }

    /** The broker's listener: the {@code wamp.subscription.*} events. */
    public ObservationListener<Subscription> subscriptions() {
        return subscriptions;
    }

    /** The dealer's listener: the {@code wamp.registration.*} events. */
    public ObservationListener<Registration> registrations() {
        return registrations;
    }

    /** URIs of the router's own API, hidden from meta events and meta listings as Crossbar hides them. */
    static boolean isProtected(String uri) {
        return uri.startsWith("wamp.");
    }

    /** The four events of one kind of observation, on the topics given. */
    private record Lifecycle<T extends Observation>(BiConsumer<String, List<Object>> publisher,
            String onCreate, String onAttach, String onDetach, String onDelete) implements ObservationListener<T> {

        @Override
        public void attached(Session session, T observation, boolean created) {
            if (isProtected(observation.uri())) {
                return;
            }
            if (created) {
                publisher.accept(onCreate, List.of(session.id(), observation.details()));
            }
            publisher.accept(onAttach, List.of(session.id(), observation.id()));
        }

        @Override
        public void detached(Session session, T observation, boolean deleted) {
            if (isProtected(observation.uri())) {
                return;
            }
            publisher.accept(onDetach, List.of(session.id(), observation.id()));
            if (deleted) {
                publisher.accept(onDelete, List.of(session.id(), observation.id()));
            }
        }
    }
}
