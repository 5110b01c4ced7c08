package io.natter.router.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetainedEventsTest {

    @Test
    void pastTheTopicCapTheTopicRetainedLeastRecentlyLosesItsEvent() {
        RetainedEvents store = new RetainedEvents(2, 1 << 20);
        store.retain("a", List.of("a1"), Map.of(), Map.of(), PublishOptions.DEFAULT);
        store.retain("b", List.of("b1"), Map.of(), Map.of(), PublishOptions.DEFAULT);
        store.retain("a", List.of("a2"), Map.of(), Map.of(), PublishOptions.DEFAULT);
        store.retain("c", List.of("c1"), Map.of(), Map.of(), PublishOptions.DEFAULT);

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.get("b")).as("b was retained before a's second event").isNull();
        assertThat(store.get("a").args()).containsExactly("a2");
        assertThat(store.get("c").args()).containsExactly("c1");
    }

    @Test
    void pastTheByteCapTheOldestEventsGoAndAnOversizedOneIsNotKept() {
        RetainedEvents store = new RetainedEvents(100, 1000);
        store.retain("a", List.of("x".repeat(400)), Map.of(), Map.of(), PublishOptions.DEFAULT);
        store.retain("b", List.of("x".repeat(400)), Map.of(), Map.of(), PublishOptions.DEFAULT);
        store.retain("c", List.of("x".repeat(400)), Map.of(), Map.of(), PublishOptions.DEFAULT);
        store.retain("d", List.of("x".repeat(2000)), Map.of(), Map.of(), PublishOptions.DEFAULT);

        assertThat(store.get("a")).isNull();
        assertThat(store.get("b")).isNotNull();
        assertThat(store.get("c")).isNotNull();
        assertThat(store.get("d")).as("larger than the whole store").isNull();
    }

    @Test
    void theArgumentsAreCopiedAndAZeroCapRetainsNothing() {
        List<Object> args = new ArrayList<>(List.of("before"));
        RetainedEvents store = new RetainedEvents(1, 1000);
        store.retain("a", args, Map.of(), Map.of(), PublishOptions.DEFAULT);
        args.set(0, "after");
        assertThat(store.get("a").args()).containsExactly("before");

        RetainedEvents none = new RetainedEvents(0, 1000);
        none.retain("a", args, Map.of(), Map.of(), PublishOptions.DEFAULT);
        assertThat(none.size()).isZero();
    }
}
