package io.natter.wamp.client;

import io.natter.wamp.message.Message;
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
public final class Subscription {

    private final String topic;
    private final Map<String, Object> options;
    private final Consumer<EventDetails> handler;
    private volatile long id;
    private volatile boolean active;
    private volatile boolean released;

    Subscription(String topic, Map<String, Object> options, Consumer<EventDetails> handler) {
        this.topic = topic;
        this.options = Message.frozen(options);
        this.handler = handler;
    }

    /** The topic or pattern subscribed to. */
    public String topic() {
        return topic;
    }

    /** The SUBSCRIBE options, e.g. {@code {"match": "prefix"}}. */
    public Map<String, Object> options() {
        return options;
    }

    /** The router's subscription ID in the current (or last) session; 0 before the first SUBSCRIBED. */
    public long id() {
        return id;
    }

    /** Whether the application still holds this subscription (it may be waiting for a reconnect). */
    public boolean isActive() {
        return active;
    }

    Consumer<EventDetails> handler() {
        return handler;
    }

    void activate(long newId) {
        id = newId;
        active = true;
    }

    void deactivate() {
        active = false;
    }

    /** The application let go of it: a late acknowledgement must not bring it back. */
    void release() {
        released = true;
        active = false;
    }

    boolean isReleased() {
        return released;
    }

    @Override
    public String toString() {
        return "Subscription[" + topic + " id=" + id + (active ? "" : " inactive") + "]";
    }
}
