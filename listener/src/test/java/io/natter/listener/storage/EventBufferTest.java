package io.natter.listener.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBufferTest {

    private static ChatEvent event(long publication) {
        return new ChatEvent(publication, "general", "alice", "hi " + publication, Instant.EPOCH, null);
    }

    private static List<Long> publications(List<ChatEvent> events) {
        return events.stream().map(ChatEvent::publication).toList();
    }

    @Test
    void keepsOrderUntilConfirmedAndRefusesPastTheBound() {
        EventBuffer buffer = new EventBuffer(3);
        long gen = buffer.reset(1);
        assertThat(buffer.offer(event(1))).isTrue();
        assertThat(buffer.offer(event(2))).isTrue();
        assertThat(buffer.offer(event(3))).isTrue();
        assertThat(buffer.offer(event(4))).as("full").isFalse();

        assertThat(publications(buffer.takeToPublish(2, 10, 0))).containsExactly(1L, 2L);
        assertThat(publications(buffer.takeToPublish(10, 10, 0))).containsExactly(3L);
        assertThat(buffer.takeToPublish(10, 10, 0)).as("all published").isEmpty();
        assertThat(buffer.confirm(gen, 2, true)).isEqualTo(2);
        assertThat(buffer.size()).isEqualTo(1);
        assertThat(buffer.offer(event(5))).isTrue();
        assertThat(publications(buffer.takeToPublish(10, 10, 0))).containsExactly(5L);
        assertThat(buffer.confirm(gen, 4, false)).as("5 waits for 3").isZero();
        assertThat(buffer.confirm(gen, 3, false)).isEqualTo(2);
        assertThat(buffer.size()).isZero();
    }

    @Test
    void publishesWithinTheWindowOfUnconfirmedEvents() {
        EventBuffer buffer = new EventBuffer(100);
        long gen = buffer.reset(1);
        for (long p = 1; p <= 10; p++) {
            buffer.offer(event(p));
        }
        assertThat(publications(buffer.takeToPublish(100, 4, 7))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(buffer.takeToPublish(100, 4, 8)).isEmpty();
        assertThat(buffer.oldestUnconfirmedSince()).isEqualTo(7);
        buffer.confirm(gen, 1, false);
        assertThat(publications(buffer.takeToPublish(100, 4, 9))).containsExactly(5L);
        assertThat(buffer.unconfirmed()).isEqualTo(4);
    }

    @Test
    void aNewChannelPublishesEverythingUnconfirmedAgainFromTheHead() {
        EventBuffer buffer = new EventBuffer(100);
        long first = buffer.reset(1);
        for (long p = 1; p <= 5; p++) {
            buffer.offer(event(p));
        }
        buffer.takeToPublish(100, 100, 0);
        buffer.confirm(first, 3, false); // 3 confirmed behind 1 and 2: stays
        buffer.fail(first, "channel closed");
        assertThat(buffer.failure()).isEqualTo("channel closed");

        long second = buffer.reset(1);
        assertThat(buffer.failure()).isNull();
        assertThat(buffer.confirm(first, 5, true)).as("a late confirm of the old channel").isZero();
        buffer.fail(first, "old channel's late close");
        assertThat(buffer.failure()).isNull();
        assertThat(publications(buffer.takeToPublish(100, 100, 0))).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(buffer.confirm(second, 5, true)).isEqualTo(5);
        assertThat(buffer.oldestUnconfirmedSince()).isEqualTo(-1);
    }

    @Test
    void wrapsAroundTheRing() {
        EventBuffer buffer = new EventBuffer(3);
        long gen = buffer.reset(10);
        long seq = 10;
        for (long p = 1; p <= 10; p++) {
            assertThat(buffer.offer(event(p))).isTrue();
            assertThat(publications(buffer.takeToPublish(10, 10, 0))).containsExactly(p);
            if (p % 2 == 0) {
                assertThat(buffer.confirm(gen, seq + 1, true)).isEqualTo(2);
                seq += 2;
            }
        }
        assertThat(buffer.size()).isZero();
    }

    @Test
    void theBodyIsWhatAppApiStores() {
        ChatEvent event = new ChatEvent(42, "general", "alice", "hi", Instant.parse("2026-01-02T03:04:05Z"), "c-1");
        assertThat(new String(event.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "{\"publication\":42,\"thread\":\"general\",\"author\":\"alice\",\"text\":\"hi\","
                        + "\"ts\":\"2026-01-02T03:04:05Z\",\"client_id\":\"c-1\"}");
    }
}
