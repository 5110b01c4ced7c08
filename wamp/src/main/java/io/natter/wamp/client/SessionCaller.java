package io.natter.wamp.client;

import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Cancel;
import io.natter.wamp.message.Result;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Map;

/**
 * The caller role of one {@link ClientSession}: CALL and CANCEL out, RESULT (progressive or
 * final) in; a call's ERROR comes through the session's request matching. Confined to the
 * client's context thread.
 */
final class SessionCaller {

    private final ClientSession session;
    private final SessionRequests requests;

    SessionCaller(ClientSession session, SessionRequests requests) {
        this.session = session;
        this.requests = requests;
    }

    /** Sends a CALL; its request ID goes to {@code handle} before the CALL is written. */
    Future<CallResult> call(String procedure, List<Object> args, Map<String, Object> kwargs, CallOptions options,
            PendingCall handle) {
        Promise<CallResult> promise = session.context().promise();
        long id = requests.nextId();
        PendingRequests.Pending p = requests.add(id, Call.CODE, promise, options);
        handle.started(this, id);
        if (options.timeout() != null) {
            p.timer = session.context().setTimer(options.timeout().toMillis(), t -> {
                if (requests.remove(id, Call.CODE) != null) {
                    promise.tryFail(new WampException(WampErrors.TIMEOUT, "no result within " + options.timeout().toMillis() + " ms"));
                    if (session.isJoined()) {
                        session.send(new Cancel(id, Map.of("mode", CancelMode.KILLNOWAIT.wire())));
                    }
                }
            });
        }
        requests.write(new Call(id, options.wireOptions(), procedure, args, kwargs), p);
        return promise.future();
    }

    void cancel(long request, CancelMode mode) {
        PendingRequests.Pending p = requests.get(request, Call.CODE);
        if (p == null || !session.isJoined()) {
            return;
        }
        boolean dealerCancels = session.info().routerSupports("dealer", "call_canceling");
        if (dealerCancels) {
            session.send(new Cancel(request, Map.of("mode", mode.wire())));
        }
        // Like Autobahn: skip and killnowait end the call here and now (a dealer following
        // Crossbar sends nothing back for them); only kill waits for the dealer's answer.
        if (mode != CancelMode.KILL || !dealerCancels) {
            Promise<CallResult> promise = requests.reply(request, Call.CODE, "cancel");
            promise.tryFail(new WampException(WampErrors.CANCELED, "the caller canceled the call"));
        }
    }

    void result(Result m) {
        PendingRequests.Pending p = requests.get(m.request(), Call.CODE);
        CallResult result = new CallResult(m.args(), m.kwargs(), m.details());
        if (p != null && result.isProgress()) {
            CallOptions options = (CallOptions) p.state;
            if (options.progressHandler() != null) {
                session.context().guarded("progress handler", () -> options.progressHandler().accept(result));
            }
            return;
        }
        requests.complete(m.request(), Call.CODE, "RESULT", result);
    }
}
