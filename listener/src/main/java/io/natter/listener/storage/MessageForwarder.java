package io.natter.listener.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.quarkus.WampSession;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The prefix subscription on {@code natter.thread.}: every chat event becomes a {@link ChatEvent}
 * handed to the {@link MessagePublisher}'s buffer. Runs on the WAMP session's event loop and only
 * appends to a bounded in-memory buffer there.
 */
@ApplicationScoped
public class MessageForwarder {

    private static final Logger LOG = Logger.getLogger(MessageForwarder.class);

    private final WampSession wamp;
    private final MessagePublisher publisher;
    private final Counter received;
    private final Counter ignored;

    MessageForwarder(WampSession wamp, MessagePublisher publisher, MeterRegistry registry) {
        this.wamp = wamp;
        this.publisher = publisher;
        this.received = Counter.builder("natter.listener.messages.received")
                .description("chat events received from the router").register(registry);
        this.ignored = Counter.builder("natter.listener.messages.ignored")
                .description("events on natter.thread.* that are no chat message (no disclosed author or no text)")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        wamp.subscribe(ChatEvent.TOPIC_PREFIX, Map.of("match", "prefix"), this::onEvent);
    }

    void onEvent(EventDetails event) {
        received.increment();
        Optional<ChatEvent> chat = ChatEvent.of(event, Instant.now());
        if (chat.isEmpty()) {
            ignored.increment();
            LOG.debugf("ignored event %d on %s: no disclosed publisher or no text", event.publication(), event.topic());
            return;
        }
        publisher.submit(chat.get());
    }
}
