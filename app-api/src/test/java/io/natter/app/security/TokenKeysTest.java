package io.natter.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.app.security.TokenKeys.StoredKey;
import org.junit.jupiter.api.Test;

class TokenKeysTest {

    @Test
    void derivesWhatAutobahnDerives() {
        // Autobahn|JS: auth_cra.derive_key('secret123', 'salt123', 1000, 32)
        assertThat(TokenKeys.deriveKey("secret123", "salt123", 1000, 32))
                .isEqualTo("Eu7CQLfR+/Ffb+275A4s9/6H/RGKYxM4s6IMrsNKzC8=");
    }

    @Test
    void verifiesOnlyTheSameToken() {
        StoredKey key = new StoredKey(TokenKeys.deriveKey("alice.abc", "s", 10, 32), "s", 10, 32);
        assertThat(TokenKeys.verifies("alice.abc", key)).isTrue();
        assertThat(TokenKeys.verifies("alice.abd", key)).isFalse();
        assertThat(key.toString()).doesNotContain(key.derivedKey());
    }

    @Test
    void nameIsWhatPrecedesTheLastDot() {
        assertThat(TokenKeys.nameOf("alice.xyz")).isEqualTo("alice");
        assertThat(TokenKeys.nameOf("nodot")).isNull();
        assertThat(TokenKeys.nameOf(".xyz")).isNull();
    }

    @Test
    void secretHidesItself() {
        Secret s = Secret.of("hunter2");
        assertThat(s.toString()).doesNotContain("hunter2");
        assertThat(s.matches("hunter2")).isTrue();
        assertThat(s.matches("hunter3")).isFalse();
        assertThat(s.matches(null)).isFalse();
    }
}
