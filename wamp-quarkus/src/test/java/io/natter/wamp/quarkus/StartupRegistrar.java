package io.natter.wamp.quarkus;

import io.natter.wamp.client.CallResult;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.Registration;
import io.natter.wamp.client.Subscription;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What a worker does at start-up, before any session exists (the router is not even running
 * yet): registers a procedure and subscribes a topic. A singleton (no client proxy), so the
 * test reads its fields directly.
 */
@Singleton
public class StartupRegistrar {

    final BlockingQueue<EventDetails> events = new LinkedBlockingQueue<>();
    volatile Future<Registration> registered;
    volatile Future<Subscription> subscribed;
    volatile boolean joinedAtStartup;

    @Inject
    WampSession session;

    void start(@Observes StartupEvent event) {
        joinedAtStartup = session.isJoined();
        registered = session.register("test.startup.echo", Map.of(),
                invocation -> Future.succeededFuture(CallResult.of(invocation.args().get(0))));
        subscribed = session.subscribe("test.startup.topic", Map.of(), events::add);
    }
}
