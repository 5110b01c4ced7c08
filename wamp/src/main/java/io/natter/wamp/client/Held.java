package io.natter.wamp.client;

import io.natter.wamp.message.Message;
import java.util.Map;

/**
 * What the application holds across sessions, a {@link Subscription} or a {@link Registration}:
 * the URI (or pattern), the options and the handler it was made with, and where it stands with
 * the router. After a reconnect the client makes it again with the same URI, options and handler,
 * and {@link #id()} changes to the new session's ID.
 *
 * <p>Thread-safe to read from any thread; the client updates it on its context thread.
 *
 * @param <H> the handler's type
 */
abstract sealed class Held<H> permits Subscription, Registration {

    private final String uri;
    private final Map<String, Object> options;
    private final H handler;
    private volatile long id;
    private volatile boolean active;
    private volatile boolean released;

    Held(String uri, Map<String, Object> options, H handler) {
        this.uri = uri;
        this.options = Message.frozen(options);
        this.handler = handler;
    }

    String uri() {
        return uri;
    }

    /** The SUBSCRIBE or REGISTER options, e.g. {@code {"match": "prefix"}}. */
    public Map<String, Object> options() {
        return options;
    }

    /** The router's ID in the current (or last) session; 0 before the first SUBSCRIBED or REGISTERED. */
    public long id() {
        return id;
    }

    /** Whether the application still holds it (it may be waiting for a reconnect). */
    public boolean isActive() {
        return active;
    }

    H handler() {
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
        return getClass().getSimpleName() + "[" + uri + " id=" + id + (active ? "" : " inactive") + "]";
    }
}
