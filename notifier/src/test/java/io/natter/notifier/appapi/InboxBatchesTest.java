package io.natter.notifier.appapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link InboxBatches}: no wait at a trickle, one batch for what waited, failures per batch, the limits. */
class InboxBatchesTest {

    private final List<JsonArray> sent = new ArrayList<>();
    private final List<Promise<Void>> answers = new ArrayList<>();
    private final InboxBatches batches = new InboxBatches(body -> {
        sent.add(new JsonObject(body).getJsonArray("entries"));
        Promise<Void> answer = Promise.promise();
        answers.add(answer);
        return answer.future();
    });

    private Future<Void> keep(String id) {
        return keep(id, "");
    }

    private Future<Void> keep(String id, String body) {
        return batches.keep(List.of("bob", "carol"), Map.of("id", id, "title", "t", "body", body, "ts", "now"));
    }

    private static List<String> ids(JsonArray entries) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ids.add(entries.getJsonObject(i).getJsonObject("notification").getString("id"));
        }
        return ids;
    }

    @Test
    void aWriteGoesAtOnceWhileFewAreInFlight() {
        Future<Void> first = keep("n1");
        assertThat(sent).hasSize(1);
        assertThat(ids(sent.get(0))).containsExactly("n1");
        assertThat(sent.get(0).getJsonObject(0).getJsonArray("recipients")).containsExactly("bob", "carol");
        assertThat(first.isComplete()).isFalse();
        answers.get(0).complete();
        assertThat(first.succeeded()).isTrue();
    }

    @Test
    void whatWaitedForABatchLeavesTogetherInOrder() {
        List<Future<Void>> writes = new ArrayList<>();
        for (int i = 0; i < InboxBatches.MAX_IN_FLIGHT + 3; i++) {
            writes.add(keep("n" + i));
        }
        assertThat(sent).hasSize(InboxBatches.MAX_IN_FLIGHT);
        assertThat(batches.waiting()).isEqualTo(3);

        answers.get(1).complete();
        assertThat(writes.get(1).succeeded()).isTrue();
        assertThat(writes.get(0).isComplete()).isFalse();
        assertThat(sent).hasSize(InboxBatches.MAX_IN_FLIGHT + 1);
        assertThat(ids(sent.get(InboxBatches.MAX_IN_FLIGHT))).containsExactly("n4", "n5", "n6");
        assertThat(batches.waiting()).isZero();
    }

    @Test
    void aFailedBatchFailsEachOfItsWritesAndTheNextOnesStillGo() {
        for (int i = 0; i < InboxBatches.MAX_IN_FLIGHT; i++) {
            keep("busy" + i);
        }
        Future<Void> a = keep("a");
        Future<Void> b = keep("b");
        answers.get(0).fail(new IllegalStateException("app-api answered 503"));
        Promise<Void> ab = answers.get(InboxBatches.MAX_IN_FLIGHT);
        ab.fail(new IllegalStateException("app-api answered 503"));
        assertThat(a.failed()).isTrue();
        assertThat(b.failed()).isTrue();
        assertThat(b.cause()).hasMessageContaining("503");

        Future<Void> c = keep("c");
        assertThat(ids(sent.get(sent.size() - 1))).containsExactly("c");
        answers.get(answers.size() - 1).complete();
        assertThat(c.succeeded()).isTrue();
    }

    @Test
    void aBatchStaysWithinItsEntryAndByteLimits() {
        for (int i = 0; i < InboxBatches.MAX_IN_FLIGHT; i++) {
            keep("busy" + i);
        }
        for (int i = 0; i < InboxBatches.MAX_ENTRIES + 5; i++) {
            keep("small" + i);
        }
        String large = "x".repeat(4000);
        for (int i = 0; i < 30; i++) {
            keep("large" + i, large);
        }
        for (int i = 0; i < InboxBatches.MAX_IN_FLIGHT; i++) {
            answers.get(i).complete();
        }
        // Four more went out at once: 100 small ones, then the 5 small ones with as many large ones as fit.
        List<JsonArray> after = sent.subList(InboxBatches.MAX_IN_FLIGHT, sent.size());
        assertThat(after).hasSizeGreaterThanOrEqualTo(3);
        assertThat(after.get(0)).hasSize(InboxBatches.MAX_ENTRIES);
        int total = 0;
        for (JsonArray batch : after) {
            assertThat(new JsonObject().put("entries", batch).toBuffer().length()).isLessThanOrEqualTo(InboxBatches.MAX_BYTES);
            total += batch.size();
        }
        assertThat(total + batches.waiting()).isEqualTo(InboxBatches.MAX_ENTRIES + 5 + 30);
        assertThat(ids(after.get(1))).startsWith("small100", "small101", "small102", "small103", "small104", "large0");
    }
}
