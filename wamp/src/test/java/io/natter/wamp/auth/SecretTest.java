package io.natter.wamp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void toStringHidesTheValue() {
        Secret secret = Secret.of("hunter2");
        assertThat(secret.toString()).isEqualTo("Secret[***]");
        assertThat(String.valueOf(secret)).doesNotContain("hunter2");
        assertThat(secret.reveal()).isEqualTo("hunter2");
    }

    @Test
    void matchesComparesTheWholeText() {
        Secret secret = Secret.of("hunter2");
        assertThat(secret.matches("hunter2")).isTrue();
        assertThat(secret.matches("hunter3")).isFalse();
        assertThat(secret.matches("hunter")).isFalse();
        assertThat(secret.matches("hunter22")).isFalse();
        assertThat(secret.matches("")).isFalse();
        assertThat(secret.matches(null)).isFalse();
        assertThat(Secret.of("").matches("")).isTrue();
        assertThat(Secret.of("ü").matches("u")).isFalse();
    }

    @Test
    void equalityIsIdentity() {
        Secret a = Secret.of("same");
        Secret b = Secret.of("same");
        assertThat(a).isEqualTo(a).isNotEqualTo(b);
    }

    @Test
    void nullIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> Secret.of(null));
    }
}
