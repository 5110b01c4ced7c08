package io.natter.bench.jmh;

import io.natter.wamp.auth.WampCra;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * What a WAMP-CRA join costs the router in cryptography: building the challenge, verifying the
 * signature, and (with a salted secret) deriving the key with PBKDF2 (1,000 iterations).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class WampCraBenchmark {

    private final String challenge = WampCra.challenge("bench", "bench", "wampcra", "static", 123_456_789L,
            "4v7xX1R8t3nDq0sZ5bYw2mPq9kJ6hT3aL8cV1eG0uF4iO7yW2rE5tQ9zN6xB3sM1", Instant.parse("2026-11-22T10:00:00.000Z"));
    private final String signature = WampCra.sign("bench-secret", challenge);

    @Benchmark
    public String challenge() {
        return WampCra.challenge("bench", "bench", "wampcra", "static", 123_456_789L, WampCra.newNonce(), Instant.now());
    }

    @Benchmark
    public boolean verify() {
        return WampCra.verify("bench-secret", challenge, signature);
    }

    @Benchmark
    public String deriveKey() {
        return WampCra.deriveKey("bench-secret", "salt123", WampCra.DEFAULT_ITERATIONS, WampCra.DEFAULT_KEYLEN);
    }
}
