package io.natter.wamp.client;

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
public final class Registration extends Held<Function<InvocationContext, Future<CallResult>>> {

    Registration(String procedure, Map<String, Object> options, Function<InvocationContext, Future<CallResult>> handler) {
        super(procedure, options, handler);
    }

    /** The procedure URI or pattern registered. */
    public String procedure() {
        return uri();
    }
}
