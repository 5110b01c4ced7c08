package io.natter.listener.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import io.natter.testsupport.AppApiHttp.Device;
import io.natter.testsupport.AppApiHttp;
import io.natter.testsupport.Await;
import io.natter.testsupport.Ports;
import io.natter.testsupport.Randoms;
import io.natter.testsupport.WampSessions;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.serialization.Serializers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The fault tests: Redis and RabbitMQ really restarted under a running listener. Both run
 * as containers (Testcontainers on the local images {@code localhost/natter/redis:7} and
 * {@code localhost/natter/rabbitmq:3}, built by {@code bin/containers setup}), each on a fixed
 * host port on 127.0.0.1, and are stopped and started again as the same container, so the port
 * stays and the listener reconnects to the same address. The listener uses both, app-api the
 * container RabbitMQ (it stores what the listener publishes there); the router and the
 * authenticator run on the machine's services, as in {@link ListenerIT}.
 *
 * <p>Proved: (1) RabbitMQ stopped while members chat and started again: every message published
 * during the outage is stored once after it is back, in the order published, and the listener
 * neither crashed (same pid) nor dropped anything; (2) Redis restarted with its data lost: within
 * seconds the Redis sets and {@code natter.presence.list} equal who is really subscribed,
 * including a user who left and one who came during the outage, and nobody else.
 *
 * <p>Skipped, with the reason, where no container engine is reachable or the local images are
 * missing (a machine without Podman still passes).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ListenerFaultIT {

    private static final DockerImageName REDIS_IMAGE = DockerImageName.parse("localhost/natter/redis:7");
    private static final DockerImageName RABBITMQ_IMAGE = DockerImageName.parse("localhost/natter/rabbitmq:3");
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** How soon presence must equal the truth once Redis is back (the test stack rebuilds every 2 s). */
    private static final Duration REPAIR = Duration.ofSeconds(10);

    /** Set by {@link #startStack()} when the tests cannot run here; each test is then skipped with it. */
    private static String skipReason;
    private static GenericContainer<?> redisContainer;
    private static GenericContainer<?> rabbitContainer;
    private static Stack stack;
    private static Vertx vertx;
    private static AppApiHttp api;
    private static Redis redis;
    private static Presence presence;
    private WampSessions sessions;

    private Device alice;
    private Device bob;
    private Device carol;
    private String thread;

    @BeforeAll
    static void startStack() throws Exception {
        skipReason = whyNot();
        if (skipReason != null) {
            System.out.println("[fault-it] skipped: " + skipReason);
            return;
        }
        int redisPort = Ports.free();
        int rabbitPort = Ports.free();
        // Nothing kept across a restart: no RDB snapshot at shutdown, no AOF.
        redisContainer = fixedPort(new GenericContainer<>(REDIS_IMAGE), 6379, redisPort)
                .withCommand("redis-server", "--bind", "0.0.0.0", "-::*", "--protected-mode", "no",
                        "--save", "", "--appendonly", "no")
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1))
                .withStartupTimeout(Duration.ofSeconds(30));
        rabbitContainer = fixedPort(new GenericContainer<>(RABBITMQ_IMAGE), 5672, rabbitPort)
                .waitingFor(Wait.forLogMessage(".*Server startup complete.*", 1))
                .withStartupTimeout(Duration.ofSeconds(60));
        long t0 = System.nanoTime();
        // RabbitMQ takes seconds: both at once.
        CompletableFuture<Void> rabbitUp = CompletableFuture.runAsync(rabbitContainer::start);
        redisContainer.start();
        rabbitUp.get(60, TimeUnit.SECONDS);
        System.out.printf("[fault-it] containers up in %d ms (redis 127.0.0.1:%d, rabbitmq 127.0.0.1:%d)%n",
                millisSince(t0), redisPort, rabbitPort);

        long t1 = System.nanoTime();
        stack = Stack.start(new Stack.Infra("redis://127.0.0.1:" + redisPort, "127.0.0.1", rabbitPort));
        System.out.printf("[fault-it] stack up in %d ms%n", millisSince(t1));
        vertx = Vertx.vertx();
        api = new AppApiHttp(stack.appUrl());
        redis = Redis.createClient(vertx, stack.redisUrl());
        presence = new Presence(redis, WAIT);
    }

    /** Why the fault tests cannot run here, or {@code null}: a reachable engine with both local images. */
    private static String whyNot() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "no container engine reachable at DOCKER_HOST=" + System.getenv("DOCKER_HOST")
                    + ": the Redis and RabbitMQ restart tests need Podman (bin/containers setup) or Docker";
        }
        DockerClient docker = DockerClientFactory.lazyClient();
        for (DockerImageName image : List.of(REDIS_IMAGE, RABBITMQ_IMAGE)) {
            if (!imagePresent(docker, image.asCanonicalNameString())) {
                return "local image " + image.asCanonicalNameString() + " missing: bin/containers setup builds it";
            }
        }
        return null;
    }

    private static boolean imagePresent(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Publishes {@code containerPort} on 127.0.0.1:{@code hostPort}, which stays across a stop and start. */
    private static GenericContainer<?> fixedPort(GenericContainer<?> container, int containerPort, int hostPort) {
        return container.withExposedPorts(containerPort)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(new PortBinding(
                        com.github.dockerjava.api.model.Ports.Binding.bindIpAndPort("127.0.0.1", hostPort),
                        ExposedPort.tcp(containerPort))));
    }

    @AfterAll
    static void stopStack() {
        if (redis != null) {
            redis.close();
        }
        if (vertx != null) {
            vertx.close();
        }
        if (stack != null) {
            stack.close();
        }
        // Ryuk is off: the containers go here or nowhere.
        for (GenericContainer<?> container : new GenericContainer<?>[] {rabbitContainer, redisContainer}) {
            if (container != null) {
                try {
                    container.stop();
                } catch (RuntimeException e) {
                    System.err.println("[fault-it] could not remove " + container.getContainerId() + ": " + e.getMessage());
                }
            }
        }
    }

    @BeforeEach
    void chat() throws Exception {
        Assumptions.assumeTrue(skipReason == null, skipReason);
        sessions = new WampSessions(vertx, stack.routerUrl(), Serializers.JSON, WAIT);
        stack.listener.awaitReady(Duration.ofSeconds(30));
        alice = api.signUp("alice-" + Randoms.hex(3));
        bob = api.signUp("bob-" + Randoms.hex(3));
        carol = api.signUp("carol-" + Randoms.hex(3));
        thread = api.openThread(alice, "Faults " + Randoms.hex(3));
        api.addMember(alice, thread, bob.name());
        api.addMember(alice, thread, carol.name());
    }

    @AfterEach
    void closeClients() {
        if (sessions != null) {
            sessions.closeAllQuietly();
        }
    }

    @Test
    void rabbitMqRestartedWhileMembersChatLosesNothingAndKeepsTheOrder() throws Exception {
        long pid = stack.listener.pid();
        double failuresBefore = metric("natter_listener_rabbitmq_failures_total");
        WampClient a = join(alice);
        WampClient b = join(bob);
        List<String> sent = new ArrayList<>();

        chat(a, b, "before", 5, sent);
        awaitTrue(() -> texts().equals(sent), WAIT, "the first 5 stored");

        long stop = System.nanoTime();
        stopContainer(rabbitContainer);
        awaitTrue(() -> metric("natter_listener_rabbitmq_connected") == 0, WAIT, "the listener saw the broker go");
        System.out.printf("[fault-it] rabbitmq stopped in %d ms%n", millisSince(stop));

        chat(a, b, "during", 30, sent);
        awaitTrue(() -> metric("natter_listener_messages_buffered") == 30, WAIT, "30 events buffered");
        assertThat(texts()).as("nothing of the outage stored while RabbitMQ is down").hasSize(5);

        long start = System.nanoTime();
        startContainer(rabbitContainer);
        chat(a, b, "after", 5, sent);
        awaitTrue(() -> texts().size() >= sent.size(), Duration.ofSeconds(40), "all 40 stored after the restart");
        System.out.printf("[fault-it] rabbitmq started; all %d messages stored %d ms after the start%n",
                sent.size(), millisSince(start));

        Thread.sleep(1000);
        assertThat(texts()).as("every message once, in the order published").containsExactlyElementsOf(sent);
        assertThat(stack.listener.isAlive()).isTrue();
        assertThat(stack.listener.pid()).as("the listener never crashed").isEqualTo(pid);
        assertThat(metric("natter_listener_messages_dropped_total")).isZero();
        assertThat(metric("natter_listener_messages_buffered")).isZero();
        assertThat(metric("natter_listener_rabbitmq_connected")).isEqualTo(1);
        assertThat(metric("natter_listener_rabbitmq_failures_total")).as("the outage was seen").isGreaterThan(failuresBefore);
    }

    @Test
    void redisRestartedWithItsDataLostIsRepairedWithinSecondsWithoutGhosts() throws Exception {
        long pid = stack.listener.pid();
        String key = stack.redisPrefix + "online:" + thread;
        String threads = stack.redisPrefix + "threads";
        WampClient a = join(alice);
        await(a.subscribe(topic(), e -> { }));
        WampClient b = join(bob);
        await(b.subscribe(topic(), e -> { }));
        awaitTrue(() -> presence.members(key).equals(Set.of(alice.name(), bob.name())), WAIT, "alice and bob in Redis");
        String marker = stack.redisPrefix + "marker";
        await(redis.send(Request.cmd(Command.SET).arg(marker).arg("1")));

        long stop = System.nanoTime();
        stopContainer(redisContainer);
        System.out.printf("[fault-it] redis stopped in %d ms%n", millisSince(stop));
        // While Redis is away: bob leaves, carol comes (presence goes on from memory).
        await(b.close());
        WampClient c = join(carol);
        await(c.subscribe(topic(), e -> { }));
        WampClient asker = join(alice);
        awaitTrue(() -> list(asker).equals(List.of(alice.name(), carol.name()).stream().sorted().toList()), WAIT,
                "presence listed from memory while Redis is down");

        long start = System.nanoTime();
        startContainer(redisContainer);
        awaitTrue(() -> presence.exists(marker) == 0, WAIT, "a Redis that lost its data (the marker is gone)");
        awaitTrue(() -> presence.members(key).equals(Set.of(alice.name(), carol.name())) && presence.members(threads).contains(thread),
                REPAIR, "Redis equal to the truth again");
        System.out.printf("[fault-it] redis started; presence repaired %d ms after the start%n", millisSince(start));

        Thread.sleep(2500); // one more rebuild: nothing else appears
        assertThat(presence.members(key)).as("no ghost").containsExactlyInAnyOrder(alice.name(), carol.name());
        assertThat(list(asker)).containsExactlyElementsOf(List.of(alice.name(), carol.name()).stream().sorted().toList());
        assertThat(stack.listener.pid()).as("the listener never crashed").isEqualTo(pid);
        assertThat(stack.listener.isReady()).as("ready again (Redis check)").isTrue();

        await(a.close());
        await(asker.close());
        await(c.close());
        awaitTrue(() -> presence.members(key).isEmpty() && !presence.members(threads).contains(thread), WAIT, "everyone gone from Redis");
    }

    // ---------------------------------------------------------------- helpers

    /** Sends {@code count} messages, alternating between the two members, each acknowledged by the router. */
    private void chat(WampClient a, WampClient b, String phase, int count, List<String> sent) throws Exception {
        for (int i = 0; i < count; i++) {
            String text = phase + "-" + i;
            await((i % 2 == 0 ? a : b).publish(topic(), List.of(text), Map.of(), Map.of("acknowledge", true)));
            sent.add(text);
        }
    }

    /** The texts stored in the thread, oldest first. */
    private List<String> texts() {
        try {
            JsonArray messages = api.messages(alice, thread);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                texts.add(((JsonObject) messages.getValue(i)).getString("text"));
            }
            return texts;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void stopContainer(GenericContainer<?> container) {
        container.getDockerClient().stopContainerCmd(container.getContainerId()).withTimeout(10).exec();
    }

    private static void startContainer(GenericContainer<?> container) {
        container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
    }

    /** One meter of the listener's Prometheus output (0 when absent). */
    private static double metric(String name) {
        for (String line : stack.listener.get("/q/metrics").split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private String topic() {
        return "natter.thread." + thread;
    }

    private WampClient join(Device device) throws Exception {
        return sessions.join(device);
    }

    private List<Object> list(WampClient client) {
        return presence.list(client, thread);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return Await.result(future.toCompletionStage(), WAIT);
    }

    private static void awaitTrue(BooleanSupplier condition, Duration wait, String what) throws InterruptedException {
        Await.until(condition, wait, what);
    }
}
