package io.natter.router.dealer;

import io.natter.router.peer.Session;
import io.natter.router.util.Timers;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Interrupt;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call in flight: the caller's CALL and the callee's INVOCATION.
 *
 * <p>Whether the call is pending is decided by the dealer's maps under the realm lock. What goes
 * to the caller (RESULT, ERROR) and to the callee (INVOCATION, INTERRUPT) for this call is sent
 * under this object's monitor, after checking {@code finished}: so the caller never sees anything
 * after the final answer, and a progressive result racing a timeout or cancel cannot overtake
 * the error.
 */
final class PendingCall {

    final Session caller;
    final long callRequest;
    final Session callee;
    final long invocationId;
    final Registration registration;
    final boolean receiveProgress;
    final boolean calleeCanCancel;
    /** A {@code kill} cancel was sent to the callee; realm lock held to read or write. */
    boolean killRequested;
    private boolean finished;
    private Timers.Handle timeout;

    PendingCall(Session caller, long callRequest, Session callee, long invocationId, Registration registration,
            boolean receiveProgress) {
        this.caller = caller;
        this.callRequest = callRequest;
        this.callee = callee;
        this.invocationId = invocationId;
        this.registration = registration;
        this.receiveProgress = receiveProgress;
        this.calleeCanCancel = callee.roles().supports("callee", "call_canceling");
    }

    synchronized void invoke(Map<String, Object> details, List<Object> args, Map<String, Object> kwargs) {
        if (!finished) {
            callee.send(new Invocation(invocationId, registration.id(), details, args, kwargs));
        }
    }

    synchronized void setTimeout(Timers.Handle handle) {
        if (finished) {
            handle.cancel();
        } else {
            timeout = handle;
        }
    }

    /** Forwards a YIELD; a progressive one only if the caller asked for progress. */
    synchronized void result(boolean progress, List<Object> args, Map<String, Object> kwargs) {
        if (finished) {
            return;
        }
        if (progress) {
            if (receiveProgress) {
                caller.send(new Result(callRequest, Map.of("progress", true), args, kwargs));
            }
            return;
        }
        finish();
        caller.send(new Result(callRequest, Map.of(), args, kwargs));
    }

    /** Ends the call with ERROR to the caller. */
    synchronized void fail(String error, Map<String, Object> details, List<Object> args, Map<String, Object> kwargs) {
        if (finished) {
            return;
        }
        finish();
        caller.send(new Error(Call.CODE, callRequest, details, error, args, kwargs));
    }

    /** Sends INTERRUPT to the callee (only called when it announced call canceling). */
    synchronized void interrupt(CancelMode mode, String reason) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("mode", mode.wireName());
        options.put("reason", reason);
        callee.send(new Interrupt(invocationId, options));
    }

    private void finish() {
        finished = true;
        if (timeout != null) {
            timeout.cancel();
            timeout = null;
        }
    }
}
