package io.natter.bench;

import io.natter.bench.baseline.RelayServer;
import io.natter.bench.load.Endpoint;
import io.natter.bench.load.Generator;
import io.natter.bench.load.Join;
import io.natter.bench.load.Joins;
import io.natter.bench.load.Latency;
import io.natter.bench.load.PubSub;
import io.natter.bench.load.Rpc;
import io.natter.bench.load.Setup;
import io.natter.bench.measure.Proc;
import io.natter.bench.measure.Window;
import io.natter.bench.wire.Wire;
import io.natter.bench.target.Server;
import io.natter.bench.target.TargetSpec;
import io.natter.bench.target.Targets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke run of the harness, so it cannot rot: each scenario for a fraction of a second against
 * the bare relay in this JVM, Natter's router when its jar is built (as in the full reactor build)
 * and jawampa's router when bench is built with the {@code peers} profile (both as processes). It
 * checks only that messages flowed (behaviour), never how fast.
 */
@Timeout(120)
class BenchSmokeTest {

    private static Generator generator;

    @BeforeAll
    static void startGenerator() {
        generator = new Generator(1);
    }

    @AfterAll
    static void stopGenerator() {
        generator.close();
    }

    private static Setup setup(Endpoint endpoint) {
        return new Setup(generator, endpoint, null, Proc.self(), 1, 1, Duration.ofMillis(200), Duration.ofMillis(400), false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack"})
    void relayForwardsPubSubAndRpcFrames(String serialization) {
        Wire wire = Wire.named(serialization);
        try (RelayServer relay = RelayServer.start("127.0.0.1", 0)) {
            Setup setup = setup(Endpoint.relay("127.0.0.1", relay.port()));
            flows(setup, wire);
            Joins.Held held = Joins.hold(setup, wire, 50, 16);
            assertThat(held.peers()).hasSize(50);
            held.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack"})
    void jawampaRoutesPubSubAndRpcWhenInstalled(String serialization) throws Exception {
        Wire wire = Wire.named(serialization);
        Path repo = Path.of("..").toAbsolutePath().normalize();
        TargetSpec jawampa = Targets.named("jawampa", repo, List.of("-Xmx256m"));
        Assumptions.assumeTrue(jawampa.unavailable() == null, jawampa.unavailable());
        try (Server server = Server.start(jawampa, null, repo.resolve("bench/target/smoke-jawampa-" + serialization + ".log"))) {
            server.awaitPort(Duration.ofSeconds(60));
            Setup setup = setup(Endpoint.router("127.0.0.1", server.port(), "/ws"));
            flows(setup, wire);
            Joins.Held held = Joins.hold(setup, wire, 50, 16);
            assertThat(held.peers()).allSatisfy(p -> assertThat(p.session()).isPositive());
            held.close();
            Window churn = Joins.churn(setup, setup.endpoint(), wire, Join.ANONYMOUS, 4);
            assertThat(churn.count()).isPositive();
        }
    }

    @Test
    void natterRouterRoutesPubSubRpcAndJoinsWhenBuilt() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        TargetSpec natter = Targets.named("natter", repo, List.of("-Xmx256m"));
        Assumptions.assumeTrue(natter.unavailable() == null, "Natter's router is not built: " + natter.unavailable());
        assertThat(natter.craGap()).as("Natter offers WAMP-CRA").isNull();
        try (Server server = Server.start(natter, null, repo.resolve("bench/target/smoke-natter.log"))) {
            server.awaitPort(Duration.ofSeconds(60));
            Setup setup = new Setup(generator, Endpoint.router("127.0.0.1", server.port(), "/ws"), server.proc(),
                    Proc.self(), 2, 2, Duration.ofMillis(200), Duration.ofMillis(400), true);
            for (Wire wire : List.of(Wire.JSON, Wire.MSGPACK)) {
                flows(setup, wire);
            }
            Joins.Held held = Joins.hold(setup, Wire.JSON, 50, 16);
            assertThat(held.peers()).allSatisfy(p -> assertThat(p.session()).isPositive());
            assertThat(server.heapAfterGc()).isPresent();
            held.close();
            Window anonymous = Joins.churn(setup, setup.endpoint(), Wire.JSON, Join.ANONYMOUS, 4);
            assertThat(anonymous.count()).as("anonymous joins").isPositive();
            Endpoint cra = Endpoint.router("127.0.0.1", server.port(), natter.craPath());
            Window signedIn = Joins.churn(setup, cra, Wire.JSON, Join.BENCH_USER, 4);
            assertThat(signedIn.count()).as("WAMP-CRA joins as " + Join.BENCH_USER.authid()).isPositive();
        }
    }

    private static void flows(Setup setup, Wire wire) {
        try (PubSub pubsub = PubSub.open(setup, new PubSub.Config(wire, 10, 64))) {
            pubsub.saturate();
            assertThat(pubsub.delivered()).as("events delivered at saturation").isPositive();
            Latency latency = pubsub.atRate(2_000);
            assertThat(latency.histogram().getTotalCount()).as("events with a latency").isPositive();
        }
        try (Rpc rpc = Rpc.open(setup, new Rpc.Config(wire, 4, 64))) {
            rpc.saturate();
            assertThat(rpc.completed()).as("calls answered at saturation").isPositive();
            Latency latency = rpc.atRate(1_000);
            assertThat(latency.histogram().getTotalCount()).as("calls with a latency").isPositive();
            assertThat(rpc.errors()).isZero();
        }
    }

    @Test
    void craSignatureMatchesAutobahnTestVector() {
        // Expected value computed independently (Python hmac); unsalted secret as the HMAC-SHA256 key.
        assertThat(io.natter.bench.load.PeerAccess.sign("secret", "challenge"))
                .isEqualTo("oeUF6Wxqoezggrue+wbIDxKRPSF6esKwizR2MHh9HaA=");
    }
}
