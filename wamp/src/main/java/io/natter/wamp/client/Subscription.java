package io.natter.wamp.client;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A subscription the application holds. It outlives sessions: after a reconnect the client
 * subscribes again with the same topic, options and handler, and {@link #id()} changes to the new
 * session's subscription ID. It ends with {@link WampClient#unsubscribe}, with a revocation by the
 * router, or when the router refuses it on a rejoin.
 *
 * <p>Thread-safe to read from any thread; the client updates it on its context thread.
 */
public final class Subscription extends Held<Consumer<EventDetails>> {

    Subscription(String topic, Map<String, Object> options, Consumer<EventDetails> handler) {
        super(topic, options, handler);
    }

    /** The topic or pattern subscribed to. */
    public String topic() {
        return uri();
    }
}
