package io.natter.wamp.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Publish;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@link Vertx} that is not Vert.x's own implementation (here a proxy in front of one) has none
 * of its internals: the client falls back to public API, counts it, and still works.
 */
class VertxInternalsTest extends PeerTestBase {

    @Test
    void aWrappedVertxFallsBackToPublicApiAndTheClientStillWorks() throws Exception {
        Vertx wrapped = (Vertx) Proxy.newProxyInstance(Vertx.class.getClassLoader(), new Class<?>[] {Vertx.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(vertx, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        long before = VertxInternals.fallbacks();

        WampClient client = WampClient.builder(wrapped, peer.uri()).realm("realm1").reconnect(ReconnectPolicy.none())
                .requestTimeout(Duration.ofSeconds(ScriptedPeer.WAIT_SECONDS)).build();

        assertThat(VertxInternals.fallbacks()).isEqualTo(before + 1);
        Future<SessionInfo> joined = client.connect();
        ScriptedPeer.Connection connection = peer.accept();
        connection.expect(Hello.class);
        connection.send(welcome(7));
        assertThat(await(joined).sessionId()).isEqualTo(7);
        await(client.publish("com.example.topic", List.of(1)));
        assertThat(connection.expect(Publish.class).topic()).isEqualTo("com.example.topic");
    }
}
