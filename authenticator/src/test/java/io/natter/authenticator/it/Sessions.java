package io.natter.authenticator.it;

import io.natter.testsupport.Await;
import io.natter.testsupport.WampSessions;
import io.natter.wamp.serialization.Serializers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The users' WAMP sessions of a test ({@link WampSessions}: WAMP-CRA with the device's token, its
 * id in {@code authextra.token_id}, no reconnect) on the run's serializer, and the waits the tests
 * use, all in seconds.
 */
final class Sessions {

    static final Duration WAIT = Duration.ofSeconds(10);

    private Sessions() {
    }

    /** The sessions of a test against the router at {@code routerUrl}. */
    static WampSessions of(Vertx vertx, String routerUrl) {
        return new WampSessions(vertx, routerUrl,
                Stack.SERIALIZER.equals("msgpack") ? Serializers.MSGPACK : Serializers.JSON, WAIT);
    }

    /** The future's value within {@link #WAIT}; its failure thrown as it is (a {@code WampException} mostly). */
    static <T> T await(Future<T> future) throws Exception {
        return Await.result(future.toCompletionStage(), WAIT);
    }

    static boolean succeeds(Future<?> future) {
        return Await.succeeds(future.toCompletionStage(), WAIT);
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, WAIT, what);
    }

    static void awaitTrue(BooleanSupplier condition, Duration wait, String what) throws InterruptedException {
        Await.until(condition, wait, what);
    }
}
