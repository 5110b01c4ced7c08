package io.natter.authenticator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppEventTest {

    @Test
    void membershipEventsFromBytesTextBufferOrJson() {
        String text = "{\"type\":\"membership.revoked\",\"thread\":\"general\",\"authid\":\"bob\",\"ts\":\"2026-01-02T03:04:05Z\"}";
        AppEvent expected = new AppEvent.MembershipChanged("membership.revoked", "general", "bob");
        assertThat(AppEvent.parse(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
        assertThat(AppEvent.parse(text)).isEqualTo(expected);
        assertThat(AppEvent.parse(Buffer.buffer(text))).isEqualTo(expected);
        assertThat(AppEvent.parse(new JsonObject(text))).isEqualTo(expected);
        assertThat(AppEvent.parse(Map.of("type", "membership.granted", "thread", "general", "authid", "bob")))
                .isEqualTo(new AppEvent.MembershipChanged("membership.granted", "general", "bob"));
    }

    @Test
    void tokenRevoked() {
        assertThat(AppEvent.parse("{\"type\":\"token.revoked\",\"authid\":\"alice\",\"token_id\":\"AbC-_09xyzAbC-_09xyz12\",\"reason\":\"logout\"}"))
                .isEqualTo(new AppEvent.TokenRevoked("alice", "AbC-_09xyzAbC-_09xyz12", "logout"));
    }

    @Test
    void otherTypesAreLeftAlone() {
        assertThat(AppEvent.parse("{\"type\":\"token.rotated\",\"authid\":\"alice\"}")).isEqualTo(new AppEvent.Other("token.rotated"));
    }

    @Test
    void malformedEventsAreRefused() {
        for (Object payload : List.of("not json", "[1,2]", "{}", "{\"type\":1}",
                "{\"type\":\"membership.revoked\",\"thread\":\"General!\",\"authid\":\"bob\"}",
                "{\"type\":\"membership.revoked\",\"thread\":\"general\"}",
                "{\"type\":\"token.revoked\",\"authid\":\"alice\",\"token_id\":\"../x\"}",
                "{\"type\":\"token.revoked\",\"authid\":\"alice\"}")) {
            assertThatThrownBy(() -> AppEvent.parse(payload)).as("%s", payload).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> AppEvent.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AppEvent.parse(42)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSessionIsMatchedByAuthidAndTheTokenIdOfItsWelcome() {
        AppEvent.TokenRevoked revoked = new AppEvent.TokenRevoked("alice", "t1", "logout");
        assertThat(Revocations.openedWith(Map.of("authid", "alice", "authextra", Map.of("token_id", "t1")), revoked)).isTrue();
        assertThat(Revocations.openedWith(Map.of("authid", "alice", "authextra", Map.of("token_id", "t2")), revoked)).isFalse();
        assertThat(Revocations.openedWith(Map.of("authid", "bob", "authextra", Map.of("token_id", "t1")), revoked)).isFalse();
        assertThat(Revocations.openedWith(Map.of("authid", "alice", "authextra", Map.of()), revoked)).isFalse();
        assertThat(Revocations.openedWith(Map.of("authid", "alice"), revoked)).isFalse();
        assertThat(Revocations.openedWith(null, revoked)).isFalse();
    }
}
