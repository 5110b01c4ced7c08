package io.natter.bench.baseline;

import ws.wamp.jawampa.WampRouter;
import ws.wamp.jawampa.WampRouterBuilder;
import ws.wamp.jawampa.WampSerialization;
import ws.wamp.jawampa.transport.netty.SimpleWampWebsocketListener;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer router: jawampa's {@code WampRouter} (ws.wamp.jawampa:jawampa-netty) on its own Netty
 * WebSocket listener, realm {@code realm1}, JSON and MessagePack, anonymous only (jawampa's router
 * has no authentication). Run it with {@code java ... JawampaRouter <port>}.
 */
public final class JawampaRouter implements AutoCloseable {

    private final WampRouter router;
    private final SimpleWampWebsocketListener listener;

    private JawampaRouter(WampRouter router, SimpleWampWebsocketListener listener) {
        this.router = router;
        this.listener = listener;
    }

    /** Starts the router at {@code ws://host:port/ws}. */
    public static JawampaRouter start(String host, int port) {
        try {
            WampRouter router = new WampRouterBuilder().addRealm("realm1").build();
            SimpleWampWebsocketListener listener = new SimpleWampWebsocketListener(router,
                    URI.create("ws://" + host + ":" + port + "/ws"), null,
                    List.of(WampSerialization.Json, WampSerialization.MessagePack));
            listener.start();
            return new JawampaRouter(router, listener);
        } catch (Exception e) {
            throw new IllegalStateException("jawampa router did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        listener.stop();
        try {
            // Its close waits for every session to go; a benchmark does not wait for stragglers.
            router.close().toBlocking().toFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Best effort: the process (or the test) ends anyway.
        }
    }

    /** {@code JawampaRouter [port]}: runs until killed. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        start("127.0.0.1", port);
        System.out.println("jawampa router listening on ws://127.0.0.1:" + port + "/ws");
    }
}
