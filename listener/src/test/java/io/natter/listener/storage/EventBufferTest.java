package io.natter.listener.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventBufferTest {

    private static ChatEvent event(long publication) {
        return new ChatEvent(publication, "general", "alice", "hi " + publication, Instant.EPOCH, null);
    }

    @Test
    void keepsOrderUntilConfirmedAndRefusesPastTheBound() {
        EventBuffer buffer = new EventBuffer(3);
        assertThat(buffer.offer(event(1))).isTrue();
        assertThat(buffer.offer(event(2))).isTrue();
        assertThat(buffer.offer(event(3))).isTrue();
        assertThat(buffer.offer(event(4))).as("full").isFalse();

        assertThat(buffer.peek(2)).extracting(ChatEvent::publication).containsExactly(1L, 2L);
        // A lost batch is not removed: the next peek gives it again, in order.
        assertThat(buffer.peek(2)).extracting(ChatEvent::publication).containsExactly(1L, 2L);
        buffer.remove(2);
        assertThat(buffer.offer(event(5))).isTrue();
        assertThat(buffer.peek(10)).extracting(ChatEvent::publication).containsExactly(3L, 5L);
    }

    @Test
    void theBodyIsWhatAppApiStores() {
        ChatEvent event = new ChatEvent(42, "general", "alice", "hi", Instant.parse("2026-01-02T03:04:05Z"), "c-1");
        assertThat(new String(event.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "{\"publication\":42,\"thread\":\"general\",\"author\":\"alice\",\"text\":\"hi\","
                        + "\"ts\":\"2026-01-02T03:04:05Z\",\"client_id\":\"c-1\"}");
    }
}
