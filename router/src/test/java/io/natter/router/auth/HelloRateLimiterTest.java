package io.natter.router.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.router.auth.HelloRateLimiter.Verdict;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HelloRateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final HelloRateLimiter limiter = new HelloRateLimiter(3, 2, Duration.ofSeconds(10), 100, now::get);

    @Test
    void addressIsLimitedThenRefills() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.attempt("10.0.0.1", null)).isEqualTo(Verdict.ALLOWED);
        }
        assertThat(limiter.attempt("10.0.0.1", null)).isEqualTo(Verdict.ADDRESS_LIMITED);
        assertThat(limiter.attempt("10.0.0.2", null)).as("other addresses are not affected").isEqualTo(Verdict.ALLOWED);
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(limiter.attempt("10.0.0.1", null)).as("a third of the window refills one attempt").isEqualTo(Verdict.ALLOWED);
        assertThat(limiter.attempt("10.0.0.1", null)).isEqualTo(Verdict.ADDRESS_LIMITED);
    }

    @Test
    void authidIsLimitedAcrossAddressesWithoutSpendingTheAddressBudget() {
        assertThat(limiter.attempt("10.0.0.1", "alice")).isEqualTo(Verdict.ALLOWED);
        assertThat(limiter.attempt("10.0.0.2", "alice")).isEqualTo(Verdict.ALLOWED);
        assertThat(limiter.attempt("10.0.0.3", "alice")).isEqualTo(Verdict.AUTHID_LIMITED);
        // 10.0.0.3's token was given back: it still has its three attempts for other authids.
        assertThat(limiter.attempt("10.0.0.3", "bob")).isEqualTo(Verdict.ALLOWED);
        assertThat(limiter.attempt("10.0.0.3", "carol")).isEqualTo(Verdict.ALLOWED);
        assertThat(limiter.attempt("10.0.0.3", "dave")).isEqualTo(Verdict.ALLOWED);
        assertThat(limiter.attempt("10.0.0.3", "erin")).isEqualTo(Verdict.ADDRESS_LIMITED);
    }

    @Test
    void memoryIsBounded() {
        HelloRateLimiter small = new HelloRateLimiter(5, 5, Duration.ofSeconds(1), 10, now::get);
        for (int i = 0; i < 1000; i++) {
            small.attempt("10.0.0." + i, "user" + i);
        }
        assertThat(small.trackedKeys()).isLessThanOrEqualTo(20);
    }

    @Test
    void zeroTurnsALimitOff() {
        HelloRateLimiter off = HelloRateLimiter.unlimited();
        for (int i = 0; i < 1000; i++) {
            assertThat(off.attempt("10.0.0.1", "alice")).isEqualTo(Verdict.ALLOWED);
        }
    }

    @Test
    void addressOfPeer() {
        assertThat(HelloRateLimiter.addressOf("tcp4:1.2.3.4:5678")).isEqualTo("1.2.3.4");
        assertThat(HelloRateLimiter.addressOf("tcp6:::1:5678")).isEqualTo("::1");
    }
}
