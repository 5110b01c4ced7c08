package io.natter.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.app.config.AppConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The throttling policy, on a clock the test moves. */
class LoginThrottleTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final InstantSource clock = () -> now;
    private final LoginThrottle throttle = new LoginThrottle(policy(), clock);

    @Test
    void aPairIsBlockedPastItsLimitAndTheBlockGrowsWhileTheAttemptsGoOn() {
        fail("victim", "1.1.1.1", 5);
        assertThat(throttle.begin("victim", "1.1.1.1")).isEqualTo(60);
        now = now.plusSeconds(61);
        fail("victim", "1.1.1.1", 5);
        assertThat(throttle.begin("victim", "1.1.1.1")).as("second block doubles").isEqualTo(120);
        now = now.plusSeconds(121);
        fail("victim", "1.1.1.1", 5);
        assertThat(throttle.begin("victim", "1.1.1.1")).isEqualTo(240);
        // Elsewhere the name is still open.
        assertThat(throttle.begin("victim", "2.2.2.2")).isZero();
    }

    @Test
    void blocksStopGrowingAtTheMaximumAndStartSmallAfterAQuietSpell() {
        for (int round = 0; round < 8; round++) {
            fail("u", "1.1.1.1", 5);
            long wait = throttle.begin("u", "1.1.1.1");
            assertThat(wait).isLessThanOrEqualTo(30 * 60);
            now = now.plusSeconds(wait + 1);
        }
        fail("u", "1.1.1.1", 5);
        assertThat(throttle.begin("u", "1.1.1.1")).isEqualTo(30 * 60);
        now = now.plus(Duration.ofHours(2));
        fail("u", "1.1.1.1", 5);
        assertThat(throttle.begin("u", "1.1.1.1")).isEqualTo(60);
    }

    @Test
    void aSuccessTakesItsCountBack() {
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.begin("u", "1.1.1.1")).isZero();
            throttle.succeeded("u", "1.1.1.1");
        }
        fail("u", "1.1.1.1", 4);
        assertThat(throttle.begin("u", "1.1.1.1")).isZero();
    }

    @Test
    void theNameLimitSparesTrustedAddresses() {
        assertThat(throttle.begin("victim", "9.9.9.9")).isZero();
        throttle.succeeded("victim", "9.9.9.9");
        for (int a = 0; a < 10; a++) {
            fail("victim", "10.0.0." + a, 5);
        }
        assertThat(throttle.begin("victim", "10.0.1.1")).as("a new address: per name limit spent").isEqualTo(15 * 60);
        assertThat(throttle.begin("victim", "9.9.9.9")).as("where the owner logged in").isZero();
    }

    @Test
    void anAddressSprayingNamesIsBlocked() {
        for (int i = 0; i < 20; i++) {
            fail("n" + i, "1.1.1.1", 1);
        }
        assertThat(throttle.begin("other", "1.1.1.1")).isEqualTo(60);
        assertThat(throttle.begin("other", "2.2.2.2")).isZero();
    }

    @Test
    void anAbandonedAttemptDoesNotCount() {
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.begin("u", "1.1.1.1")).isZero();
            throttle.abandoned("u", "1.1.1.1");
        }
    }

    @Test
    void purgeForgetsWhatIsOver() {
        fail("u", "1.1.1.1", 3);
        now = now.plus(Duration.ofHours(1));
        throttle.purge();
        fail("u", "1.1.1.1", 5);
        assertThat(throttle.begin("u", "1.1.1.1")).isEqualTo(60);
    }

    private void fail(String name, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.begin(name, address)).as("attempt %d of %s from %s", i + 1, name, address).isZero();
        }
    }

    private static AppConfig.Login policy() {
        return new AppConfig.Login() {
            public int maxFailuresPerNameAndAddress() {
                return 5;
            }

            public int maxFailuresPerAddress() {
                return 20;
            }

            public int maxFailuresPerName() {
                return 50;
            }

            public Duration window() {
                return Duration.ofMinutes(1);
            }

            public Duration nameWindow() {
                return Duration.ofMinutes(15);
            }

            public Duration maxBlock() {
                return Duration.ofMinutes(30);
            }

            public Duration trustedFor() {
                return Duration.ofDays(7);
            }
        };
    }
}
