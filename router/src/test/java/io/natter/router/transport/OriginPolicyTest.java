package io.natter.router.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    @Test
    void wildcardEntriesMatchTheWholeOrigin() {
        OriginPolicy policy = new OriginPolicy(List.of("http://localhost:*", "https://*.example.com"), false);

        assertThat(policy.permits("http://localhost:8080")).isTrue();
        assertThat(policy.permits("HTTP://LOCALHOST:3000")).isTrue();
        assertThat(policy.permits("https://chat.example.com")).isTrue();
        assertThat(policy.permits("https://example.com")).isFalse();
        assertThat(policy.permits("https://chat.example.com.evil.org")).isFalse();
        assertThat(policy.permits("http://localhost.evil.org")).isFalse();
        assertThat(policy.permits("null")).isFalse();
        assertThat(policy.permits(null)).isFalse();
    }

    @Test
    void dotsAreLiteral() {
        OriginPolicy policy = new OriginPolicy(List.of("https://chat.example.com"), true);

        assertThat(policy.permits("https://chatxexample.com")).isFalse();
        assertThat(policy.permits(null)).isTrue();
    }

    @Test
    void withoutAllowListEveryOriginPasses() {
        assertThat(new OriginPolicy(null, true).permits("https://anywhere.example")).isTrue();
        assertThat(new OriginPolicy(null, false).permits(null)).isFalse();
    }
}
