package io.natter.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.app.security.TokenKeys.StoredKey;
import io.natter.wamp.auth.Secret;
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
    void parsesNameAndIdOfBothShapes() {
        assertThat(TokenKeys.parse("alice.id.xyz")).isEqualTo(new TokenKeys.Parsed("alice", "id"));
        assertThat(TokenKeys.parse("alice.xyz")).isEqualTo(new TokenKeys.Parsed("alice", null));
        assertThat(TokenKeys.parse("alice.xyz").legacy()).isTrue();
        for (String bad : new String[] {"nodot", ".xyz", "alice.", "alice..xyz", "alice.id.", ".id.xyz", "a.b.c.d"}) {
            assertThat(TokenKeys.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void issuedTokensCarryNameAndIdAndDeriveToTheirKey() {
        TokenKeys keys = new TokenKeys(1000, 32);
        TokenKeys.Issued a = keys.issue("alice");
        TokenKeys.Issued b = keys.issue("alice");
        assertThat(a.tokenId()).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(b.tokenId());
        assertThat(TokenKeys.validId(a.tokenId())).isTrue();
        assertThat(a.token().reveal()).matches("alice\\." + a.tokenId() + "\\.[A-Za-z0-9_-]{43}");
        assertThat(TokenKeys.parse(a.token().reveal())).isEqualTo(new TokenKeys.Parsed("alice", a.tokenId()));
        assertThat(TokenKeys.verifies(a.token().reveal(), a.key())).isTrue();
        assertThat(TokenKeys.verifies(b.token().reveal(), a.key())).isFalse();
        assertThat(a.key().salt()).isNotEqualTo(b.key().salt());
    }

    @Test
    void tokenIdShape() {
        assertThat(TokenKeys.validId("AAAAAAAAAAAAAAAAAAAAAA")).isTrue();
        assertThat(TokenKeys.validId("AAAAAAAAAAAAAAAAAAAAA")).isFalse();
        assertThat(TokenKeys.validId("AAAAAAAAAAAAAAAAAAAAA.")).isFalse();
        assertThat(TokenKeys.validId("AAAAAAAAAAAAAAAAAAAAA/")).isFalse();
        assertThat(TokenKeys.validId(null)).isFalse();
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
