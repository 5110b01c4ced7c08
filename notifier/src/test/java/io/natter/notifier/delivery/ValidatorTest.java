package io.natter.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.client.WampException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private static Validator.Outcome check(String key, String json) {
        return Validator.validate(key, json.getBytes(StandardCharsets.UTF_8), null, null, NOW);
    }

    private static String reason(String key, String json) {
        Validator.Outcome o = check(key, json);
        assertThat(o.notification()).as("refused").isNull();
        return o.refused().code();
    }

    @Test
    void aUserNotificationBecomesThePayload() {
        Notification n = check("user.bob", "{\"id\":\"n-1\",\"title\":\"Hi\",\"body\":\"there\",\"data\":{\"k\":[1,2]},"
                + "\"from\":\"alice\",\"ts\":\"2026-01-01T00:00:00Z\"}").notification();
        assertThat(n.target()).isEqualTo(Notification.Target.USER);
        assertThat(n.name()).isEqualTo("bob");
        assertThat(n.payload()).containsExactly(Map.entry("id", "n-1"), Map.entry("title", "Hi"),
                Map.entry("body", "there"), Map.entry("data", Map.of("k", java.util.List.of(1, 2))),
                Map.entry("from", "alice"), Map.entry("ts", "2026-01-01T00:00:00Z"));
    }

    @Test
    void aThreadNotificationNamesTheThread() {
        Notification n = check("thread.team-chat-1", "{\"title\":\"T\"}").notification();
        assertThat(n.target()).isEqualTo(Notification.Target.THREAD);
        assertThat(n.name()).isEqualTo("team-chat-1");
        assertThat(n.payload()).containsOnlyKeys("id", "title", "body", "ts").containsEntry("body", "")
                .containsEntry("ts", NOW.toString());
    }

    @Test
    void theIdIsStableWithoutOne() {
        String json = "{\"title\":\"same\"}";
        String first = check("user.bob", json).notification().id();
        assertThat(check("user.bob", json).notification().id()).isEqualTo(first);
        assertThat(check("user.carol", json).notification().id()).isNotEqualTo(first);
        assertThat(check("user.bob", "{\"title\":\"other\"}").notification().id()).isNotEqualTo(first);
        Notification withMessageId = Validator.validate("user.bob", json.getBytes(StandardCharsets.UTF_8), "m-7",
                Instant.parse("2026-01-02T00:00:00Z"), NOW).notification();
        assertThat(withMessageId.id()).isEqualTo("m-7");
        assertThat(withMessageId.ts()).isEqualTo("2026-01-02T00:00:00Z");
    }

    @Test
    void routingKeysOtherThanUserOrThreadAreRefused() {
        for (String key : new String[] {"user.", "user.Bob", "user.a.b", "thread.", "thread.-x", "thread.A",
                "other.bob", "bob", "", "user." + "x".repeat(33)}) {
            assertThat(reason(key, "{\"title\":\"t\"}")).as(key).isEqualTo("routing_key");
        }
    }

    @Test
    void malformedAndOversizedAreRefusedWithAReason() {
        assertThat(reason("user.bob", "not json")).isEqualTo("malformed");
        assertThat(reason("user.bob", "[1,2]")).isEqualTo("malformed");
        assertThat(reason("user.bob", "\"title\"")).isEqualTo("malformed");
        assertThat(reason("user.bob", "{\"title\":\"a\",\"title\":\"b\"}")).isEqualTo("malformed");
        assertThat(reason("user.bob", "{}")).isEqualTo("title");
        assertThat(reason("user.bob", "{\"title\":\"  \"}")).isEqualTo("title");
        assertThat(reason("user.bob", "{\"title\":5}")).isEqualTo("title");
        assertThat(reason("user.bob", "{\"title\":\"" + "t".repeat(201) + "\"}")).isEqualTo("title");
        assertThat(check("user.bob", "{\"title\":\"" + "t".repeat(200) + "\"}").notification()).isNotNull();
        assertThat(reason("user.bob", "{\"title\":\"t\",\"body\":\"" + "b".repeat(4001) + "\"}")).isEqualTo("body");
        assertThat(check("user.bob", "{\"title\":\"t\",\"body\":\"" + "b".repeat(4000) + "\"}").notification()).isNotNull();
        assertThat(reason("user.bob", "{\"title\":\"t\",\"body\":7}")).isEqualTo("body");
        assertThat(reason("user.bob", "{\"title\":\"t\",\"data\":[1]}")).isEqualTo("data");
        assertThat(reason("user.bob", "{\"title\":\"t\",\"data\":\"x\"}")).isEqualTo("data");
        String big = "{\"title\":\"t\",\"data\":{\"v\":\"" + "d".repeat(16_384) + "\"}}";
        assertThat(reason("user.bob", big)).isEqualTo("data");
        assertThat(check("user.bob", "{\"title\":\"t\",\"data\":{\"v\":\"" + "d".repeat(16_000) + "\"}}")
                .notification()).isNotNull();
        assertThat(reason("user.bob", "{\"title\":\"t\",\"from\":{}}")).isEqualTo("from");
        assertThat(reason("user.bob", "{\"title\":\"t\",\"id\":\"\"}")).isEqualTo("id");
        byte[] huge = new byte[Validator.MAX_MESSAGE + 1];
        assertThat(Validator.validate("user.bob", huge, null, null, NOW).refused().code()).isEqualTo("too_large");
        assertThat(check("user.bob", "{\"title\":\"t\",\"data\":null}").notification().data()).isNull();
    }

    @Test
    void onlyTheRoutersOwnRefusalsAreFinal() {
        assertThat(Deliverer.refusedByRouter(new WampException("wamp.error.not_authorized"))).isTrue();
        assertThat(Deliverer.refusedByRouter(new WampException("wamp.error.invalid_uri"))).isTrue();
        assertThat(Deliverer.refusedByRouter(new WampException("natter.error.not_connected"))).isFalse();
        assertThat(Deliverer.refusedByRouter(new WampException("natter.error.connection_lost"))).isFalse();
        assertThat(Deliverer.refusedByRouter(new WampException("wamp.error.timeout"))).isFalse();
        assertThat(Deliverer.refusedByRouter(new IllegalStateException("x"))).isFalse();
        assertThat(Routing.topic("bob")).isEqualTo("natter.notify.bob");
    }
}
