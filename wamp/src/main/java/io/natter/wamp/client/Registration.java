package io.natter.wamp.client;

import io.natter.wamp.message.Message;
import io.vertx.core.Future;
import java.util.Map;
import java.util.function.Function;

/**
 * A procedure registration the application holds. It outlives sessions: after a reconnect the
 * client registers again with the same procedure, options and handler, and {@link #id()} changes
 * to the new session's registration ID. It ends with {@link WampClient#unregister}, with a
 * revocation by the router, or when the router refuses it on a rejoin.
 *
 * <p>Thread-safe to read from any thread; the client updates it on its context thread.
 */
public final class Registration {

    private final String procedure;
    private final Map<String, Object> options;
    private final Function<InvocationContext, Future<CallResult>> handler;
    private volatile long id;
    private volatile boolean active;
    private volatile boolean released;

    Registration(String procedure, Map<String, Object> options, Function<InvocationContext, Future<CallResult>> handler) {
        this.procedure = procedure;
        this.options = Message.frozen(options);
        this.handler = handler;
    }

    /** The procedure URI or pattern registered. */
    public String procedure() {
        return procedure;
    }

    /** The REGISTER options, e.g. {@code {"invoke": "roundrobin"}}. */
    public Map<String, Object> options() {
        return options;
    }

    /** The router's registration ID in the current (or last) session; 0 before the first REGISTERED. */
    public long id() {
        return id;
    }

    /** Whether the application still holds this registration (it may be waiting for a reconnect). */
    public boolean isActive() {
        return active;
    }

    Function<InvocationContext, Future<CallResult>> handler() {
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
        return "Registration[" + procedure + " id=" + id + (active ? "" : " inactive") + "]";
    }
}
