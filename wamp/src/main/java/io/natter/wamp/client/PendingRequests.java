package io.natter.wamp.client;

import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests waiting for their reply, keyed by request ID, with the type of the request so that a
 * reply is only ever matched to a request it can answer (SUBSCRIBED to SUBSCRIBE, ERROR of type
 * CALL to CALL, ...). Confined to the client's context thread.
 */
final class PendingRequests {

    /**
     * One outstanding request: its message type code, the promise its reply completes, what the
     * reply needs to know (e.g. the {@link Subscription}), and its timeout timer (or -1).
     */
    static final class Pending {
        final long request;
        final int requestType;
        final Promise<?> promise;
        final Object state;
        long timer = -1;

        Pending(long request, int requestType, Promise<?> promise, Object state) {
            this.request = request;
            this.requestType = requestType;
            this.promise = promise;
            this.state = state;
        }
    }

    private final Map<Long, Pending> byRequest = new HashMap<>();

    Pending add(long request, int requestType, Promise<?> promise, Object state) {
        Pending pending = new Pending(request, requestType, promise, state);
        if (byRequest.putIfAbsent(request, pending) != null) {
            throw new IllegalStateException("request " + request + " is already pending");
        }
        return pending;
    }

    /** The pending request {@code request} if it is of type {@code requestType}, else null; it stays pending. */
    Pending get(long request, int requestType) {
        Pending pending = byRequest.get(request);
        return pending != null && pending.requestType == requestType ? pending : null;
    }

    /** Like {@link #get} but removes the match. */
    Pending remove(long request, int requestType) {
        Pending pending = get(request, requestType);
        if (pending != null) {
            byRequest.remove(request);
        }
        return pending;
    }

    /** Every pending request, in no particular order; none is pending afterwards. */
    List<Pending> drain() {
        List<Pending> all = new ArrayList<>(byRequest.values());
        byRequest.clear();
        return all;
    }

    int size() {
        return byRequest.size();
    }
}
