package io.natter.router.meta;

import io.natter.router.broker.BrokerListener;
import io.natter.router.broker.Subscription;
import io.natter.router.dealer.DealerListener;
import io.natter.router.dealer.Registration;
import io.natter.router.session.Session;
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
public final class MetaEvents implements BrokerListener, DealerListener {

    private final BiConsumer<String, List<Object>> publisher;

    /** @param publisher publishes (topic, args) on behalf of the router */
    public MetaEvents(BiConsumer<String, List<Object>> publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /** A session joined the realm (after its WELCOME). */
    public void joined(Session session) {
        publisher.accept("wamp.session.on_join", List.of(session.details()));
    }

    /** A session left the realm (after its subscriptions and registrations were removed). */
    public void left(Session session) {
        publisher.accept("wamp.session.on_leave", Arrays.asList(session.id(), session.authid(), session.authrole()));
    }

    @Override
    public void subscribed(Session session, Subscription subscription, boolean created) {
        if (isProtected(subscription.uri())) {
            return;
        }
        if (created) {
            publisher.accept("wamp.subscription.on_create", List.of(session.id(), subscription.details()));
        }
        publisher.accept("wamp.subscription.on_subscribe", List.of(session.id(), subscription.id()));
    }

    @Override
    public void unsubscribed(Session session, Subscription subscription, boolean deleted) {
        if (isProtected(subscription.uri())) {
            return;
        }
        publisher.accept("wamp.subscription.on_unsubscribe", List.of(session.id(), subscription.id()));
        if (deleted) {
            publisher.accept("wamp.subscription.on_delete", List.of(session.id(), subscription.id()));
        }
    }

    @Override
    public void registered(Session session, Registration registration, boolean created) {
        if (isProtected(registration.uri())) {
            return;
        }
        if (created) {
            publisher.accept("wamp.registration.on_create", List.of(session.id(), registration.details()));
        }
        publisher.accept("wamp.registration.on_register", List.of(session.id(), registration.id()));
    }

    @Override
    public void unregistered(Session session, Registration registration, boolean deleted) {
        if (isProtected(registration.uri())) {
            return;
        }
        publisher.accept("wamp.registration.on_unregister", List.of(session.id(), registration.id()));
        if (deleted) {
            publisher.accept("wamp.registration.on_delete", List.of(session.id(), registration.id()));
        }
    }

    /** URIs of the router's own API, hidden from meta events and meta listings as Crossbar hides them. */
    static boolean isProtected(String uri) {
        return uri.startsWith("wamp.");
    }
}
