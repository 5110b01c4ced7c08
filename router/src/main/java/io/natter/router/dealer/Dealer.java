package io.natter.router.dealer;

import io.natter.router.broker.Broker;
import io.natter.router.observe.ObservationKind;
import io.natter.router.observe.ObservationListener;
import io.natter.router.observe.Observations;
import io.natter.router.observe.Observations.Attached;
import io.natter.router.observe.Observations.Detached;
import io.natter.router.util.ProtocolViolation;
import io.natter.router.peer.Session;
import io.natter.router.util.Timers;
import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Result;
import io.natter.wamp.message.Yield;
import io.natter.wamp.uri.MatchPolicy;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;

/**
 * The dealer of one realm: registrations, calls in flight, timeouts and cancellation.
 *
 * <p>Concurrency: registrations ({@link Observations}) and calls in flight are guarded by the realm
 * lock it is given (see the realm's Javadoc). REGISTERED is queued under the lock before the new
 * callee becomes visible to any call, so it reaches the callee before any INVOCATION of that
 * registration. Picking a callee and recording the call happen under the lock; messages of one
 * call are sent under the call's own monitor ({@link PendingCall}) after the lock is released. A
 * call ends exactly once: whoever removes it from the maps under the lock (final YIELD, callee
 * ERROR, cancel, timeout, a session leaving) answers the caller. Listener calls happen after the
 * lock is released.
 *
 * <p>Validation of URIs and options and authorization happen before these methods are called.
 */
public final class Dealer {

    /** A request of one session: a CALL by its caller's ID, an INVOCATION by its callee's ID. */
    private record CallKey(long session, long request) {
    }

    /** The reason of the UNREGISTERED a callee gets when another takes its procedure over (Crossbar's URI). */
    static final String UNREGISTERED = "wamp.error.unregistered";

    private final int maxRegistrationsPerSession;
    private final Lock lock;
    private final Timers timers;
    private final Clock clock;
    private final Observations<Registration> registrations;
    private final Map<CallKey, PendingCall> byInvocation = new HashMap<>();
    private final Map<CallKey, PendingCall> byCall = new HashMap<>();
    private final Map<String, LocalProcedure> localProcedures = new ConcurrentHashMap<>();
    private final InternalCaller internalCaller = new InternalCaller(this);

    public Dealer(Lock lock, ObservationListener<Registration> listener, Timers timers, Clock clock) {
        this(lock, listener, timers, clock, 0);
    }

    /** A dealer that lets one session hold at most {@code maxRegistrationsPerSession} registrations (0: no cap). */
    public Dealer(Lock lock, ObservationListener<Registration> listener, Timers timers, Clock clock, int maxRegistrationsPerSession) {
        this.maxRegistrationsPerSession = maxRegistrationsPerSession;
        this.lock = Objects.requireNonNull(lock, "lock");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.registrations = new Observations<>(lock, ObservationKind.REGISTRATION, listener);
    }

    /** Makes {@code uri} a procedure the router answers itself; calls to it never reach a callee. */
    public void addLocalProcedure(String uri, LocalProcedure procedure) {
        if (localProcedures.putIfAbsent(Objects.requireNonNull(uri, "uri"), Objects.requireNonNull(procedure, "procedure")) != null) {
            throw new IllegalStateException("local procedure " + uri + " is already defined");
        }
    }

    /**
     * Calls {@code procedure} on behalf of the router itself (dynamic authenticators and
     * authorizers): routed like any call, without authorization, and always bounded by
     * {@code timeout}. The {@link Uni} fails with an {@link InternalCallException} when no callee is
     * registered, on timeout, when the callee leaves, and when the callee answers ERROR.
     */
    public Uni<InternalCallResult> callInternal(String procedure, List<Object> args, Map<String, Object> kwargs, Duration timeout) {
        return internalCaller.call(Objects.requireNonNull(procedure, "procedure"), args == null ? List.of() : args,
                kwargs == null ? Map.of() : kwargs, Objects.requireNonNull(timeout, "timeout"));
    }

    /** Registers {@code callee} (validated and authorized) and answers REGISTERED or ERROR. */
    public void register(Session callee, long request, String uri, MatchPolicy policy, InvokePolicy invoke,
            boolean discloseCaller) {
        register(callee, request, uri, policy, invoke, discloseCaller, false);
    }

    /**
     * Registers {@code callee} (validated and authorized) and answers REGISTERED or ERROR. With
     * {@code forceReregister} (REGISTER {@code force_reregister}, as Crossbar.io does it) the
     * callee takes the procedure over: every callee of an existing registration of the same URI
     * and match policy is removed from it first (UNREGISTERED with reason
     * {@code wamp.error.unregistered} to those that announced {@code registration_revocation}; the
     * usual meta events), so the new registration gets a new ID and the new invocation policy. A
     * worker that restarts before its old session timed out is not refused.
     */
    public void register(Session callee, long request, String uri, MatchPolicy policy, InvokePolicy invoke,
            boolean discloseCaller, boolean forceReregister) {
        Attached<Registration> attached;
        List<Session> kicked = List.of();
        List<Detached<Registration>> kickedFrom = List.of();
        lock.lock();
        try {
            if (!callee.isAttached()) {
                return;
            }
            Registration existing = registrations.lookupLocked(uri, policy);
            if (maxRegistrationsPerSession > 0 && registrations.countLocked(callee) >= maxRegistrationsPerSession
                    && (existing == null || !existing.contains(callee))) {
                callee.send(new Error(Register.CODE, request, Map.of(), Broker.LIMIT_EXCEEDED,
                        List.of("this session already holds " + maxRegistrationsPerSession + " registrations, the most it may"), Map.of()));
                return;
            }
            if (forceReregister && existing != null) {
                kicked = List.of(existing.observers());
                kickedFrom = new ArrayList<>(kicked.size());
                for (Session old : kicked) {
                    kickedFrom.add(registrations.revokeLocked(existing, old, UNREGISTERED));
                }
            }
            Error refusal = refusal(registrations.lookupLocked(uri, policy), callee, request, uri, invoke);
            if (refusal != null) {
                callee.send(refusal);
                return;
            }
            attached = registrations.attachLocked(callee, uri, policy,
                    id -> new Registration(id, uri, policy, invoke, clock.instant()));
            if (discloseCaller) {
                attached.observation().discloseCallerTo(callee);
            }
            callee.send(new Registered(request, attached.observation().id()));
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < kicked.size(); i++) {
            registrations.tell(kicked.get(i), List.of(kickedFrom.get(i)));
        }
        registrations.tell(callee, attached);
    }

    /** Unregisters {@code callee} and answers UNREGISTERED, or ERROR no_such_registration. */
    public void unregister(Session callee, long request, long registrationId) {
        registrations.unobserve(callee, request, registrationId);
    }

    /**
     * Routes a CALL (validated and authorized) to a local procedure or to a callee.
     *
     * @param disclose whether INVOCATION details carry the caller's identity
     */
    public void call(Session caller, Call call, CallOptions options, boolean disclose) {
        LocalProcedure local = localProcedures.get(call.procedure());
        if (local != null) {
            callLocal(caller, call, local);
            return;
        }
        PendingCall pending;
        boolean discloseToCallee;
        lock.lock();
        try {
            if (!caller.isAttached()) {
                return;
            }
            CallKey callKey = new CallKey(caller.id(), call.request());
            if (byCall.containsKey(callKey)) {
                throw new ProtocolViolation("CALL request ID " + call.request() + " is still pending on this session");
            }
            Registration registration = registrations.bestMatchLocked(call.procedure());
            if (registration == null) {
                caller.send(new Error(Call.CODE, call.request(), Map.of(), WampErrors.NO_SUCH_PROCEDURE,
                        List.of("no callee registered for procedure '" + call.procedure() + "'"), Map.of()));
                return;
            }
            Session callee = registration.select();
            pending = new PendingCall(caller, call.request(), callee, callee.nextInvocationIdLocked(), registration,
                    options.receiveProgress());
            byInvocation.put(new CallKey(callee.id(), pending.invocationId), pending);
            byCall.put(callKey, pending);
            discloseToCallee = disclose || registration.disclosesCallerTo(callee);
        } finally {
            lock.unlock();
        }
        pending.invoke(invocationDetails(pending, call, options, discloseToCallee), call.args(), call.kwargs());
        if (options.timeoutMillis() > 0) {
            pending.setTimeout(timers.schedule(options.timeoutMillis(), () -> timeout(pending, options.timeoutMillis())));
        }
    }

    /** A callee's YIELD; one for an unknown (finished, cancelled) invocation is ignored, as the spec allows. */
    public void yield(Session callee, Yield yield, boolean progress) {
        PendingCall pending;
        lock.lock();
        try {
            pending = byInvocation.get(new CallKey(callee.id(), yield.request()));
            if (pending == null || pending.callee != callee) {
                return;
            }
            if (!progress) {
                removeLocked(pending);
            }
        } finally {
            lock.unlock();
        }
        pending.result(progress, yield.args(), yield.kwargs());
    }

    /** A callee's ERROR for an INVOCATION: forwarded to the caller; unknown invocations are ignored. */
    public void calleeError(Session callee, Error error) {
        PendingCall pending;
        lock.lock();
        try {
            pending = byInvocation.get(new CallKey(callee.id(), error.request()));
            if (pending == null || pending.callee != callee) {
                return;
            }
            removeLocked(pending);
        } finally {
            lock.unlock();
        }
        pending.fail(error.error(), error.details(), error.args(), error.kwargs());
    }

    /**
     * A caller's CANCEL. Unknown (already answered) calls are ignored.
     *
     * <p>What the caller hears follows Crossbar.io rather than the letter of the spec, because
     * Autobahn clients (the callers we must serve) fail a {@code skip} or {@code killnowait} call
     * locally the moment they send CANCEL and treat a later ERROR for it as a protocol violation:
     * <ul>
     *   <li>{@code skip}: no INTERRUPT, and no ERROR to the caller; the callee's answer is dropped.</li>
     *   <li>{@code kill}: INTERRUPT, then the caller gets ERROR {@code wamp.error.canceled} once the
     *       callee answers. A callee that did not announce call canceling cannot be interrupted, so
     *       the caller (who is waiting) gets the ERROR at once — Crossbar leaves it hanging.</li>
     *   <li>{@code killnowait}: INTERRUPT and ERROR at once; for a callee that cannot be
     *       interrupted it falls back to {@code skip}, as the spec says.</li>
     * </ul>
     */
    public void cancel(Session caller, long request, CancelMode mode) {
        PendingCall pending;
        boolean interrupt;
        boolean answerNow;
        lock.lock();
        try {
            pending = byCall.get(new CallKey(caller.id(), request));
            if (pending == null) {
                return;
            }
            interrupt = pending.calleeCanCancel && mode != CancelMode.SKIP;
            if (interrupt && mode == CancelMode.KILL) {
                if (pending.killRequested) {
                    return;
                }
                pending.killRequested = true;
                answerNow = false;
            } else {
                removeLocked(pending);
                answerNow = mode == CancelMode.KILL || (interrupt && mode == CancelMode.KILLNOWAIT);
            }
        } finally {
            lock.unlock();
        }
        if (answerNow) {
            pending.fail(WampErrors.CANCELED, Map.of(), List.of("call canceled (mode " + mode.wireName() + ")"), Map.of());
        }
        if (interrupt) {
            pending.interrupt(mode, WampErrors.CANCELED);
        }
    }

    /**
     * Forgets a leaving session: its registrations (telling the listener of each), the calls it
     * made (their callees are interrupted if they can be) and the calls it was serving (their
     * callers get ERROR {@code wamp.error.canceled}).
     */
    public void removeSession(Session session) {
        List<Detached<Registration>> left;
        List<PendingCall> ended = new ArrayList<>();
        lock.lock();
        try {
            left = registrations.detachAllLocked(session);
            for (Iterator<PendingCall> it = byInvocation.values().iterator(); it.hasNext();) {
                PendingCall pending = it.next();
                if (pending.caller == session || pending.callee == session) {
                    it.remove();
                    byCall.remove(new CallKey(pending.caller.id(), pending.callRequest));
                    ended.add(pending);
                }
            }
        } finally {
            lock.unlock();
        }
        for (PendingCall pending : ended) {
            if (pending.callee == session) {
                pending.fail(WampErrors.CANCELED, Map.of(), List.of("callee left before answering the call"), Map.of());
            } else {
                pending.fail(WampErrors.CANCELED, Map.of(), List.of("caller left"), Map.of());
                if (pending.calleeCanCancel) {
                    pending.interrupt(CancelMode.KILLNOWAIT, WampErrors.CANCELED);
                }
            }
        }
        registrations.tell(session, left);
    }

    /** The registrations: the meta API's queries, and removing a callee on the router's initiative. */
    public Observations<Registration> registrations() {
        return registrations;
    }

    /** The number of calls in flight. */
    public int pendingCallCount() {
        lock.lock();
        try {
            return byInvocation.size();
        } finally {
            lock.unlock();
        }
    }

    private void callLocal(Session caller, Call call, LocalProcedure procedure) {
        LocalProcedure.Outcome outcome;
        try {
            outcome = procedure.call(caller, call.args(), call.kwargs());
        } catch (ProcedureException e) {
            caller.send(new Error(Call.CODE, call.request(), Map.of(), e.error(), List.of(e.getMessage()), Map.of()));
            return;
        }
        List<Object> args = new ArrayList<>(1);
        args.add(outcome.value());
        caller.send(new Result(call.request(), Map.of(), args, Map.of()));
        if (outcome.afterReply() != null) {
            outcome.afterReply().run();
        }
    }

    private void timeout(PendingCall pending, long timeoutMillis) {
        lock.lock();
        try {
            if (byInvocation.get(new CallKey(pending.callee.id(), pending.invocationId)) != pending) {
                return;
            }
            removeLocked(pending);
        } finally {
            lock.unlock();
        }
        pending.fail(WampErrors.TIMEOUT, Map.of(), List.of("call timed out after " + timeoutMillis + " ms"), Map.of());
        if (pending.calleeCanCancel) {
            pending.interrupt(CancelMode.KILLNOWAIT, WampErrors.TIMEOUT);
        }
    }

    private static Map<String, Object> invocationDetails(PendingCall pending, Call call, CallOptions options, boolean disclose) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (pending.registration.policy() != MatchPolicy.EXACT) {
            details.put("procedure", call.procedure());
        }
        if (options.receiveProgress() && pending.callee.roles().supports("callee", "progressive_call_results")) {
            details.put("receive_progress", true);
        }
        if (disclose) {
            details.put("caller", pending.caller.id());
            details.put("caller_authid", pending.caller.authid());
            details.put("caller_authrole", pending.caller.authrole());
        }
        return details;
    }

    private void removeLocked(PendingCall pending) {
        byInvocation.remove(new CallKey(pending.callee.id(), pending.invocationId));
        byCall.remove(new CallKey(pending.caller.id(), pending.callRequest));
    }

    /** Why {@code callee} may not join {@code existing} (null: there is none yet), as the ERROR to send, or null. */
    private static Error refusal(Registration existing, Session callee, long request, String uri, InvokePolicy invoke) {
        if (existing == null) {
            return null;
        }
        String refusalUri = WampErrors.PROCEDURE_ALREADY_EXISTS;
        String refusal;
        if (existing.contains(callee)) {
            refusal = "this session already registered procedure '" + uri + "'";
        } else if (existing.invoke() == InvokePolicy.SINGLE) {
            refusal = "register for already registered procedure '" + uri + "'";
        } else if (existing.invoke() != invoke) {
            refusalUri = WampErrors.PROCEDURE_EXISTS_WITH_DIFFERENT_INVOCATION_POLICY;
            refusal = "register for already registered procedure '" + uri + "' with a different invocation policy ("
                    + existing.invoke().wireName() + " registered, " + invoke.wireName() + " requested)";
        } else {
            return null;
        }
        return new Error(Register.CODE, request, Map.of(), refusalUri, List.of(refusal), Map.of());
    }
}
