package io.natter.listener.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.natter.listener.config.ListenerConfig;
import io.natter.testsupport.Ports;
import io.natter.testsupport.Randoms;
import io.natter.wamp.auth.Secret;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * {@link MessagePublisher} against the machine's RabbitMQ ({@code NATTER_RABBITMQ_HOST}/{@code _PORT})
 * through a TCP proxy the test closes and opens again: events confirmed in order; while the broker
 * is away they wait in the buffer, past its bound they are counted as dropped, and once it is back
 * the kept ones arrive, in order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MessagePublisherTest {

    private static final String HOST = System.getenv().getOrDefault("NATTER_RABBITMQ_HOST", "127.0.0.1");
    private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("NATTER_RABBITMQ_PORT", "5672"));
    private static final int BUFFER = 120;

    private final String prefix = "lt-" + Randoms.hex(5) + ".";
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private NioReactor reactor;
    private TcpCrusher proxy;
    private MessagePublisher publisher;
    private Connection consumer;
    private Channel channel;

    @BeforeEach
    void setUp() throws Exception {
        reactor = new NioReactor();
        proxy = TcpCrusherBuilder.builder().withReactor(reactor)
                .withBindAddress("127.0.0.1", Ports.free()).withConnectAddress(HOST, PORT).buildAndOpen();
        publisher = new MessagePublisher(config(proxy.getBindAddress().getPort()), registry);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(HOST);
        factory.setPort(PORT);
        consumer = factory.newConnection("listener-test");
        channel = consumer.createChannel();
    }

    @AfterEach
    void tearDown() throws Exception {
        publisher.stop();
        try {
            channel.queueDelete(prefix + "natter.messages");
            channel.exchangeDelete(prefix + "natter.messages");
        } finally {
            consumer.close();
            proxy.close();
            reactor.close();
        }
    }

    @Test
    void eventsWaitWhileTheBrokerIsAwayAndGoOutInOrderWhenItIsBack() throws Exception {
        publisher.start();
        submit(1, 50);
        assertThat(received(50)).containsExactlyElementsOf(range(1, 50));
        awaitTrue(() -> publisher.buffered() == 0, "all 50 confirmed");

        proxy.close();
        int kept = submit(51, 180);
        assertThat(kept).as("the buffer's bound").isEqualTo(BUFFER);
        assertThat(registry.get("natter.listener.messages.dropped").counter().count()).isEqualTo(10);
        Thread.sleep(1500);
        assertThat(publisher.buffered()).as("waiting for the broker").isEqualTo(BUFFER);
        assertThat(publisher.isConnected()).isFalse();

        proxy.open();
        List<Long> after = received(BUFFER);
        assertThat(new ArrayList<>(new LinkedHashSet<>(after))).as("in order, each at least once")
                .containsExactlyElementsOf(range(51, 170));
        awaitTrue(() -> publisher.buffered() == 0, "the kept events confirmed");
        assertThat(registry.get("natter.listener.messages.forwarded").counter().count()).isGreaterThanOrEqualTo(170);
    }

    @Test
    void theBodyAndRoutingKeyAreWhatAppApiConsumes() throws Exception {
        publisher.start();
        publisher.submit(new ChatEvent(7, "general", "alice", "hi", Instant.parse("2026-01-02T03:04:05Z"), null));
        GetResponse response = next();
        assertThat(response.getEnvelope().getRoutingKey()).isEqualTo("general");
        assertThat(response.getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(new JsonObject(new String(response.getBody(), StandardCharsets.UTF_8)).getMap())
                .containsEntry("publication", 7).containsEntry("thread", "general").containsEntry("author", "alice")
                .containsEntry("text", "hi").containsEntry("ts", "2026-01-02T03:04:05Z").doesNotContainKey("client_id");
    }

    private int submit(long from, long to) {
        int kept = 0;
        for (long p = from; p <= to; p++) {
            if (publisher.submit(new ChatEvent(p, "general", "alice", "m" + p, Instant.now(), null))) {
                kept++;
            }
        }
        return kept;
    }

    private List<Long> received(int count) throws Exception {
        List<Long> publications = new ArrayList<>();
        while (publications.size() < count) {
            publications.add(new JsonObject(new String(next().getBody(), StandardCharsets.UTF_8)).getLong("publication"));
        }
        return publications;
    }

    private GetResponse next() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                GetResponse response = channel.basicGet(prefix + "natter.messages", true);
                if (response != null) {
                    return response;
                }
            } catch (java.io.IOException e) {
                // the queue is declared by the publisher's first connection
                channel = consumer.createChannel();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no message within 20 s");
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private ListenerConfig config(int port) {
        ListenerConfig.Listener listener = new ListenerConfig.Listener() {
            public int bufferSize() { return BUFFER; }
            public String redisPrefix() { return prefix; }
            public Duration reconcileInterval() { return Duration.ofSeconds(30); }
            public Duration membershipTtl() { return Duration.ofSeconds(10); }
        };
        ListenerConfig.Rabbitmq rabbit = new ListenerConfig.Rabbitmq() {
            public String host() { return "127.0.0.1"; }
            public int port() { return port; }
            public String user() { return System.getenv().getOrDefault("NATTER_RABBITMQ_USER", "guest"); }
            public Secret password() { return Secret.of(System.getenv().getOrDefault("NATTER_RABBITMQ_PASSWORD", "guest")); }
            public Optional<String> namePrefix() { return Optional.of(prefix); }
            public Duration confirmTimeout() { return Duration.ofSeconds(2); }
            public Duration retryInitialDelay() { return Duration.ofMillis(100); }
            public Duration retryMaxDelay() { return Duration.ofMillis(300); }
            public int inFlight() { return 32; }
        };
        return new ListenerConfig() {
            public Listener listener() { return listener; }
            public Rabbitmq rabbitmq() { return rabbit; }
            public App app() { return null; }
            public Internal internal() { return null; }
        };
    }
}
