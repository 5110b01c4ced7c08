package io.natter.wamp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Vectors computed with Autobahn|JS 26.3.1 ({@code autobahn.auth_cra}) under Node 20. */
class WampCraTest {

    private static final String CHALLENGE = "{\"authid\": \"alice\", \"authrole\": \"user\", "
            + "\"authmethod\": \"wampcra\", \"authprovider\": \"static\", \"session\": 4711, "
            + "\"nonce\": \"abc\", \"timestamp\": \"2024-01-02T03:04:05.678Z\"}";

    @Test
    void deriveKeyMatchesAutobahn() {
        assertThat(WampCra.deriveKey("secret123", "salt123", 1000, 32))
                .isEqualTo("Eu7CQLfR+/Ffb+275A4s9/6H/RGKYxM4s6IMrsNKzC8=");
        assertThat(WampCra.deriveKey("pässwörd", "sälz", 10, 16)).isEqualTo("25QQ663SMCmnLwCBUqe5eA==");
    }

    @Test
    void defaultsAreAutobahns() {
        // derive_key('secret123', 'salt123') without iterations and keylen gives the 1000/32 key.
        assertThat(WampCra.deriveKey("secret123", "salt123", WampCra.DEFAULT_ITERATIONS, WampCra.DEFAULT_KEYLEN))
                .isEqualTo("Eu7CQLfR+/Ffb+275A4s9/6H/RGKYxM4s6IMrsNKzC8=");
    }

    @Test
    void signKeysTheHmacWithTheKeyText() {
        String key = "Eu7CQLfR+/Ffb+275A4s9/6H/RGKYxM4s6IMrsNKzC8=";
        assertThat(WampCra.sign(key, CHALLENGE)).isEqualTo("sHH3x79hMsFjNkFcpBAu98C8t7fl7R0sutT6dw04p8g=");
        assertThat(WampCra.sign("secret123", "héllo ✓")).isEqualTo("0Jag0yQi+jmJQmjaLBZ1sHSxAazgJVIeI4z5hFlKFAo=");
    }

    @Test
    void challengeHasCrossbarsShape() {
        String challenge = WampCra.challenge("alice", "user", "wampcra", "static", 4711, "abc",
                Instant.parse("2024-01-02T03:04:05.678Z"));
        assertThat(challenge).isEqualTo(CHALLENGE);
    }

    @Test
    void challengeTimestampAlwaysHasMillisecondsAndEscapesStrings() {
        String challenge = WampCra.challenge("a\"b\\c\n", "r", "wampcra", "dynamic", -1, "n",
                Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(challenge).isEqualTo("{\"authid\": \"a\\\"b\\\\c\\n\", \"authrole\": \"r\", "
                + "\"authmethod\": \"wampcra\", \"authprovider\": \"dynamic\", \"session\": -1, "
                + "\"nonce\": \"n\", \"timestamp\": \"2024-01-02T03:04:05.000Z\"}");
    }

    @Test
    void verifyAcceptsOnlyTheRightSignature() {
        String key = WampCra.deriveKey("secret123", "salt123", 1000, 32);
        String signature = WampCra.sign(key, CHALLENGE);
        assertThat(WampCra.verify(key, CHALLENGE, signature)).isTrue();
        assertThat(WampCra.verify(key, CHALLENGE, signature.substring(1))).isFalse();
        assertThat(WampCra.verify(key, CHALLENGE, "A" + signature.substring(1))).isFalse();
        assertThat(WampCra.verify(key, CHALLENGE + " ", signature)).isFalse();
        assertThat(WampCra.verify("secret123", CHALLENGE, signature)).isFalse();
        assertThat(WampCra.verify(key, CHALLENGE, "")).isFalse();
        assertThat(WampCra.verify(key, CHALLENGE, null)).isFalse();
    }

    @Test
    void noncesAreFreshAndAsLongAsCrossbars() {
        String a = WampCra.newNonce();
        String b = WampCra.newNonce();
        assertThat(a).hasSize(64).isNotEqualTo(b);
        assertThat(Base64.getDecoder().decode(a)).hasSize(48);
    }

    @Test
    void fakeSaltIsStablePerAuthidAndLooksLikeARealSalt() {
        byte[] serverKey = "server-key-1".getBytes(StandardCharsets.UTF_8);
        String salt = WampCra.fakeSalt("mallory", serverKey);
        assertThat(WampCra.fakeSalt("mallory", serverKey)).isEqualTo(salt);
        assertThat(WampCra.fakeSalt("mallory2", serverKey)).isNotEqualTo(salt);
        assertThat(WampCra.fakeSalt("mallory", "server-key-2".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(salt);
        String real = WampCra.newSalt();
        assertThat(salt).hasSameSizeAs(real);
        assertThat(Base64.getDecoder().decode(salt)).hasSameSizeAs(Base64.getDecoder().decode(real));
        assertThat(WampCra.newSalt()).isNotEqualTo(real);
    }

    @Test
    void emptyKeysAndBadParametersAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> WampCra.deriveKey("", "salt", 1000, 32));
        assertThatIllegalArgumentException().isThrownBy(() -> WampCra.deriveKey("s", "salt", 0, 32));
        assertThatIllegalArgumentException().isThrownBy(() -> WampCra.deriveKey("s", "salt", 1000, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> WampCra.sign("", "challenge"));
        assertThatIllegalArgumentException().isThrownBy(() -> WampCra.fakeSalt("a", new byte[0]));
    }
}
