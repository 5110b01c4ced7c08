package io.natter.authenticator.it;

import io.natter.testsupport.AppApiHttp.Device;
import io.natter.testsupport.AppApiHttp;
import io.natter.wamp.auth.Secret;
import io.natter.wamp.client.ReconnectPolicy;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.client.WampException;
import io.natter.wamp.serialization.Serializers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The users' WAMP sessions of a test, with the {@code wamp} client as a browser joins: WAMP-CRA
 * with the device's token, its id in {@code authextra.token_id}, the run's serializer, no
 * reconnect. {@link #closeAll()} ends every session the test opened. Waits are in seconds.
 */
final class Sessions {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final String routerUrl;
    private final List<WampClient> clients = new ArrayList<>();

    Sessions(Vertx vertx, String routerUrl) {
        this.vertx = vertx;
        this.routerUrl = routerUrl;
    }

    /** A session of {@code device}, not connected yet. */
    WampClient client(Device device) {
        WampClient.Builder builder = WampClient.builder(vertx, routerUrl).realm("natter")
                .wampcra(device.name(), Secret.of(device.token()))
                .serializer(Stack.SERIALIZER.equals("msgpack") ? Serializers.MSGPACK : Serializers.JSON)
                .reconnect(ReconnectPolicy.none());
        if (device.tokenId() != null) {
            builder.authExtra(Map.of("token_id", device.tokenId()));
        }
        WampClient client = builder.build();
        clients.add(client);
        return client;
    }

    /** Joins as {@code device}; fails if refused. */
    WampClient join(Device device) throws Exception {
        WampClient client = client(device);
        await(client.connect());
        return client;
    }

    /** Joins, retrying while the stack recovers. */
    WampClient awaitJoin(Device device) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return join(device);
            } catch (WampException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    /** The router's refusal of {@code device}'s join; fails if it joined. */
    WampException refusedJoin(Device device) throws Exception {
        WampClient client = client(device);
        try {
            await(client.connect());
        } catch (WampException e) {
            return e;
        }
        throw new AssertionError(device + " joined but should have been refused");
    }

    void closeAll() throws Exception {
        for (WampClient client : clients) {
            client.close().toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        clients.clear();
    }

    /** The future's value within {@link #WAIT}; its failure thrown as it is (a {@link WampException} mostly). */
    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    static boolean succeeds(Future<?> future) {
        try {
            await(future);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        awaitTrue(condition, WAIT, what);
    }

    static void awaitTrue(BooleanSupplier condition, Duration wait, String what) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + wait.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
