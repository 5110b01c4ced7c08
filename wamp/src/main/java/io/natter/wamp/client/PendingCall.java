package io.natter.wamp.client;

import io.vertx.core.Future;
import java.util.Objects;

/** A call's handle; {@link SessionCaller#call} fills in the session's caller and the request ID on the context. */
final class PendingCall implements CallHandle {

    private final ClientContext context;
    private Future<CallResult> result;
    private SessionCaller caller;
    private long request;

    PendingCall(ClientContext context) {
        this.context = context;
    }

    void started(SessionCaller c, long id) {
        caller = c;
        request = id;
    }

    void result(Future<CallResult> value) {
        result = value;
    }

    @Override
    public Future<CallResult> result() {
        return result;
    }

    @Override
    public void cancel(CancelMode mode) {
        Objects.requireNonNull(mode, "mode");
        context.run(() -> {
            if (caller != null) {
                caller.cancel(request, mode);
            }
        });
    }
}
