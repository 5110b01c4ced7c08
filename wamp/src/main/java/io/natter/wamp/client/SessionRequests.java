package io.natter.wamp.client;

import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Message;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The requests of one {@link ClientSession} and their replies: the request ID sequence, the
 * requests waiting for an answer with their timeouts, and matching each reply to the request it
 * answers. Confined to the client's context thread.
 */
final class SessionRequests {

    private static final System.Logger LOG = System.getLogger(SessionRequests.class.getName());

    private final ClientSession session;
    private final ClientContext context;
    private final RequestIds ids = new RequestIds();
    private final PendingRequests pending = new PendingRequests();

    SessionRequests(ClientSession session, ClientContext context) {
        this.session = session;
        this.context = context;
    }

    /** The next request ID, for a message that expects no reply. */
    long nextId() {
        return ids.next();
    }

    /** Sends the request the ID-taking {@code message} builds and waits for its reply. */
    <T> Future<T> request(int type, LongFunction<Message> message, Object state, Duration timeout) {
        Promise<T> promise = context.promise();
        long id = ids.next();
        PendingRequests.Pending p = pending.add(id, type, promise, state);
        p.timer = context.setTimer(timeout.toMillis(), t -> {
            if (pending.remove(id, type) != null) {
                promise.tryFail(new WampException(WampErrors.TIMEOUT, "no reply to request " + id + " within " + timeout.toMillis() + " ms"));
            }
        });
        write(message.apply(id), p);
        return promise.future();
    }

    /** Files a request whose timeout (if any) the caller sets on the returned entry. */
    PendingRequests.Pending add(long id, int type, Promise<?> promise, Object state) {
        return pending.add(id, type, promise, state);
    }

    /** The pending request {@code request} of type {@code type}, left pending; null when there is none. */
    PendingRequests.Pending get(long request, int type) {
        return pending.get(request, type);
    }

    /** Removes the pending request {@code request} without answering it (its timer is the caller's). */
    PendingRequests.Pending remove(long request, int type) {
        return pending.remove(request, type);
    }

    /** Writes a request's message; if that fails (e.g. an unserializable payload) the request fails. */
    void write(Message message, PendingRequests.Pending p) {
        session.send(message).onFailure(e -> context.run(() -> {
            if (pending.remove(p.request, p.requestType) != null) {
                if (p.timer >= 0) {
                    context.cancelTimer(p.timer);
                }
                p.promise.tryFail(e);
            }
        }));
    }

    /**
     * The promise of the pending request {@code request} of type {@code requestType}, removed
     * from the pending set; null when there is none. A reply to a request that was never sent is a
     * protocol violation; one to a request that timed out or was canceled is dropped.
     */
    @SuppressWarnings("unchecked")
    <T> Promise<T> reply(long request, int requestType, String what) {
        PendingRequests.Pending p = pending.remove(request, requestType);
        if (p == null) {
            if (!ids.issued(request)) {
                session.violation(what + " for request " + request + ", which was never sent");
            } else {
                LOG.log(Level.DEBUG, "{0} for request {1} that is no longer pending: dropped", what, Long.toString(request));
            }
            return null;
        }
        if (p.timer >= 0) {
            context.cancelTimer(p.timer);
        }
        return (Promise<T>) p.promise;
    }

    /** Completes the pending request {@code request} with {@code value}; see {@link #reply}. */
    <T> void complete(long request, int requestType, String what, T value) {
        Promise<T> promise = reply(request, requestType, what);
        if (promise != null) {
            promise.tryComplete(value);
        }
    }

    /** Fails the pending request {@code request} with {@code failure}; see {@link #reply}. */
    void fail(long request, int requestType, String what, Throwable failure) {
        Promise<Object> promise = reply(request, requestType, what);
        if (promise != null) {
            promise.tryFail(failure);
        }
    }

    /**
     * SUBSCRIBED or REGISTERED for {@code request}: {@code wire} files the subscription or
     * registration the request was for under the router's ID, then the request completes with it.
     * One the application released while the request was out is not brought back:
     * {@code giveBack} hands the ID back to the router instead, and the request still completes.
     */
    @SuppressWarnings("unchecked")
    <H extends Held<?>> void acknowledged(long request, int requestType, String what, Consumer<H> wire, Runnable giveBack) {
        PendingRequests.Pending p = pending.get(request, requestType);
        Promise<H> promise = reply(request, requestType, what);
        if (promise == null) {
            return;
        }
        H held = (H) p.state;
        if (held.isReleased()) {
            giveBack.run();
        } else {
            wire.accept(held);
        }
        promise.tryComplete(held);
    }

    /**
     * UNSUBSCRIBED or UNREGISTERED without a request: the router revoked the {@code kind}
     * ({@code subscription} or {@code registration}) whose ID {@code details} names.
     * {@code remove} takes it out of the session and {@code untrack} out of the client.
     */
    static <T> void revoked(Map<String, Object> details, String kind, LongFunction<T> remove, Consumer<T> untrack) {
        if (details.get(kind) instanceof Number id) {
            T revoked = remove.apply(id.longValue());
            LOG.log(Level.INFO, "the router revoked " + kind + " {0} ({1})", String.valueOf(id), details.get("reason"));
            if (revoked != null) {
                untrack.accept(revoked);
            }
        }
    }

    /** Fails every pending request with {@code lost}; none is pending afterwards. */
    void failAll(WampException lost) {
        for (PendingRequests.Pending p : pending.drain()) {
            if (p.timer >= 0) {
                context.cancelTimer(p.timer);
            }
            p.promise.tryFail(lost);
        }
    }
}
