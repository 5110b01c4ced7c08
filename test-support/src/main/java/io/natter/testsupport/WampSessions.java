package io.natter.testsupport;

import io.natter.testsupport.AppApiHttp.Device;
import io.natter.wamp.auth.Secret;
import io.natter.wamp.client.ReconnectPolicy;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.client.WampException;
import io.natter.wamp.serialization.Serializer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The users' WAMP sessions of a whole-stack test, joined as a browser joins: realm
 * {@code natter}, WAMP-CRA with the device's token and its id in {@code authextra.token_id}, no
 * reconnect. Every client it makes is closed by {@link #closeAll()}. Needs the {@code wamp}
 * module on the test's classpath (an optional dependency of this one).
 */
public final class WampSessions {

    private final Vertx vertx;
    private final String routerUrl;
    private final Serializer serializer;
    private final Duration wait;
    private final List<WampClient> clients = new ArrayList<>();

    /** Sessions of the router at {@code routerUrl} with {@code serializer}; every wait is {@code wait}. */
    public WampSessions(Vertx vertx, String routerUrl, Serializer serializer, Duration wait) {
        this.vertx = vertx;
        this.routerUrl = routerUrl;
        this.serializer = serializer;
        this.wait = wait;
    }

    /** A session of {@code device}, not connected yet. */
    public WampClient client(Device device) {
        WampClient.Builder builder = WampClient.builder(vertx, routerUrl).realm("natter")
                .wampcra(device.name(), Secret.of(device.token()))
                .serializer(serializer)
                .reconnect(ReconnectPolicy.none());
        if (device.tokenId() != null) {
            builder.authExtra(Map.of("token_id", device.tokenId()));
        }
        WampClient client = builder.build();
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /** Joins as {@code device}; fails if refused. */
    public WampClient join(Device device) throws Exception {
        WampClient client = client(device);
        await(client.connect());
        return client;
    }

    /** Joins, trying again every 250 ms for up to {@code within} while the stack recovers. */
    public WampClient joinWhenPossible(Device device, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                return join(device);
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    /** The router's refusal of {@code device}'s join; fails if it joined. */
    public WampException refusedJoin(Device device) throws Exception {
        WampClient client = client(device);
        try {
            await(client.connect());
        } catch (WampException e) {
            return e;
        }
        throw new AssertionError(device + " joined but should have been refused");
    }

    /** Closes every session made so far; a close that fails is thrown. */
    public void closeAll() throws Exception {
        for (WampClient client : drain()) {
            await(client.close());
        }
    }

    /** Closes every session made so far; one already gone (its router killed) is passed over. */
    public void closeAllQuietly() {
        for (WampClient client : drain()) {
            try {
                await(client.close());
            } catch (Exception e) {
                // already gone
            }
        }
    }

    /** The future's value within this instance's wait; its failure thrown as it is (a {@link WampException} mostly). */
    public <T> T await(Future<T> future) throws Exception {
        return Await.result(future.toCompletionStage(), wait);
    }

    private List<WampClient> drain() {
        synchronized (clients) {
            List<WampClient> all = List.copyOf(clients);
            clients.clear();
            return all;
        }
    }
}
