package io.natter.wamp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    private final ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(1000), 2.0, 0.0, 5);

    @Test
    void capGrowsGeometricallyUpToTheMaximum() {
        assertThat(policy.cap(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.cap(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.cap(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.cap(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.cap(5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.cap(60)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.cap(100_000)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void withoutJitterTheDelayIsTheCapWhateverTheRandomDraw() {
        assertThat(policy.delay(3, () -> 0.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.delay(3, () -> 0.99)).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void fullJitterSpreadsTheDelayOverZeroToTheCap() {
        ReconnectPolicy full = policy.withJitter(1.0);
        assertThat(full.delay(3, () -> 0.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(full.delay(3, () -> 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(full.delay(3, () -> 0.999)).isEqualTo(Duration.ZERO);
        for (double r = 0; r < 1; r += 0.01) {
            double draw = r;
            assertThat(full.delay(4, () -> draw)).isBetween(Duration.ZERO, Duration.ofMillis(800));
        }
    }

    @Test
    void partialJitterKeepsTheUnjitteredShare() {
        assertThat(policy.withJitter(0.25).delay(2, () -> 1.0)).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void attemptsAreLimitedUnlessUnlimited() {
        assertThat(policy.allows(1)).isTrue();
        assertThat(policy.allows(5)).isTrue();
        assertThat(policy.allows(6)).isFalse();
        assertThat(policy.allows(0)).isFalse();
        assertThat(policy.withMaxAttempts(ReconnectPolicy.UNLIMITED).allows(1_000_000)).isTrue();
        assertThat(ReconnectPolicy.none().allows(1)).isFalse();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ZERO, Duration.ofSeconds(1), 0.5, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.withJitter(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.withMaxAttempts(-2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.cap(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
