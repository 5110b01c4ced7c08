package io.natter.bench.jmh;

import io.natter.wamp.uri.MatchPolicy;
import io.natter.wamp.uri.UriIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * {@code matchAll} over 10k exact, 1k prefix and 1k wildcard patterns, shaped like chat topics:
 * a URI that hits one exact, three prefix and one wildcard pattern, and a URI that hits nothing.
 * A scan of every pattern (what nexus does) would cost ~12k comparisons per publication.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class UriIndexBenchmark {

    @Param({"app.room1234.msg", "other.topic.nothing"})
    public String uri;

    private UriIndex<Integer> index;

    @Setup
    public void setUp() {
        index = new UriIndex<>();
        int id = 0;
        for (int i = 0; i < 10_000; i++) {
            index.put("app.room" + i + ".msg", MatchPolicy.EXACT, id++);
        }
        for (int i = 0; i < 1_000; i++) {
            index.put("app.room" + i, MatchPolicy.PREFIX, id++);
        }
        index.put("app..msg", MatchPolicy.WILDCARD, id++);
        for (int i = 1; i < 1_000; i++) {
            index.put("app..m" + i, MatchPolicy.WILDCARD, id++);
        }
    }

    @Benchmark
    public void matchAll(Blackhole sink) {
        index.matchAll(uri, sink::consume);
    }

    @Benchmark
    public Integer bestMatch() {
        return index.bestMatch(uri);
    }
}
