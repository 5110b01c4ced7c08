package io.natter.wamp.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One INVOCATION handed to a {@link Registration}'s handler: the arguments, who calls, and the
 * means to send progressive results and to notice cancellation.
 *
 * <p>The handler runs on the client's context; {@link #progress} and {@link #onInterrupt} may be
 * called from any thread (the work is done on the context).
 */
public final class InvocationContext {

    private final Registration registration;
    private final long request;
    private final List<Object> args;
    private final Map<String, Object> kwargs;
    private final Map<String, Object> details;
    private final SessionCallee callee;
    private final List<Runnable> interruptHandlers = new ArrayList<>();
    private volatile boolean canceled;
    private volatile boolean done;

    InvocationContext(Registration registration, long request, List<Object> args, Map<String, Object> kwargs,
            Map<String, Object> details, SessionCallee callee) {
        this.registration = registration;
        this.request = request;
        this.args = args;
        this.kwargs = kwargs;
        this.details = details;
        this.callee = callee;
    }

    /** Positional arguments, never null. */
    public List<Object> args() {
        return args;
    }

    /** Keyword arguments, never null. */
    public Map<String, Object> kwargs() {
        return kwargs;
    }

    /** The INVOCATION details dictionary, never null. */
    public Map<String, Object> details() {
        return details;
    }

    /** The registration invoked. */
    public Registration registration() {
        return registration;
    }

    /** The procedure called: the {@code procedure} detail for pattern registrations, else the registered URI. */
    public String procedure() {
        return details.get("procedure") instanceof String p ? p : registration.procedure();
    }

    /** The caller's session ID if the dealer disclosed it, else null. */
    public Long caller() {
        return details.get("caller") instanceof Number n ? n.longValue() : null;
    }

    /** The caller's authid if the dealer disclosed it, else null. */
    public String callerAuthid() {
        return details.get("caller_authid") instanceof String s ? s : null;
    }

    /** The caller's authrole if the dealer disclosed it, else null. */
    public String callerAuthrole() {
        return details.get("caller_authrole") instanceof String s ? s : null;
    }

    /** Whether the caller asked for progressive results. */
    public boolean receiveProgress() {
        return Boolean.TRUE.equals(details.get("receive_progress"));
    }

    /**
     * Sends a progressive result (YIELD with {@code progress: true}) if the caller asked for them
     * and the invocation is still running; returns whether it was sent (queued to the context).
     */
    public boolean progress(List<Object> progressArgs, Map<String, Object> progressKwargs) {
        if (!receiveProgress() || canceled || done) {
            return false;
        }
        callee.sendProgress(this, progressArgs, progressKwargs);
        return true;
    }

    /**
     * Runs {@code handler} on the client's context when the dealer interrupts this invocation
     * (the caller canceled it, or it timed out) or the session is lost; at once if that already
     * happened. The client answers the dealer with {@code wamp.error.canceled} itself, and drops
     * whatever the handler's future yields afterwards.
     */
    public void onInterrupt(Runnable handler) {
        Objects.requireNonNull(handler, "handler");
        callee.context().run(() -> {
            if (canceled) {
                handler.run();
            } else {
                interruptHandlers.add(handler);
            }
        });
    }

    /** Whether the invocation was interrupted or its session lost. */
    public boolean isCanceled() {
        return canceled;
    }

    long request() {
        return request;
    }

    boolean isDone() {
        return done;
    }

    void markDone() {
        done = true;
    }

    /** Marks the invocation canceled and runs the interrupt handlers; on the context thread. */
    void interrupt() {
        if (canceled) {
            return;
        }
        canceled = true;
        List<Runnable> handlers = List.copyOf(interruptHandlers);
        interruptHandlers.clear();
        for (Runnable handler : handlers) {
            callee.context().guarded("interrupt handler", handler);
        }
    }
}
