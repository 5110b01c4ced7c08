package io.natter.router.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Publish;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RouterMetrics metrics = new RouterMetrics(registry, null);

    @Test
    void countsMessagesInAndOutByTypeAndErrorsByUri() {
        Event event = new Event(1, 2, Map.of(), List.of("hi"), Map.of());
        metrics.sent(event);
        metrics.sent(event, event.code());
        metrics.received(new Publish(1, Map.of(), "t", List.of(), Map.of()));
        metrics.sent(new Error(Publish.CODE, 1, Map.of(), "wamp.error.not_authorized", List.of(), Map.of()));

        assertThat(count("natter.router.messages.out", "EVENT")).isEqualTo(2);
        assertThat(count("natter.router.messages.out", "ERROR")).isEqualTo(1);
        assertThat(count("natter.router.messages.in", "PUBLISH")).isEqualTo(1);
        assertThat(registry.get("natter.router.errors").tag("uri", "wamp.error.not_authorized").counter().count())
                .isEqualTo(1);
        assertThat(registry.find("natter.router.messages.in").tag("type", "EVENT").functionCounter()).isNull();
    }

    private double count(String name, String type) {
        return registry.get(name).tag("type", type).functionCounter().count();
    }
}
