package io.natter.wamp.client;

import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Interrupt;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Unregister;
import io.natter.wamp.message.Unregistered;
import io.natter.wamp.message.Yield;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The callee role of one {@link ClientSession}: REGISTER and UNREGISTER out, REGISTERED,
 * UNREGISTERED, INVOCATION and INTERRUPT in, and each invocation's YIELD or ERROR back.
 * Confined to the client's context thread.
 */
final class SessionCallee {

    private static final System.Logger LOG = System.getLogger(SessionCallee.class.getName());

    private final ClientSession session;
    private final SessionRequests requests;
    private final ClientConfig config;
    private final Map<Long, Registration> registrations = new HashMap<>();
    private final Map<Long, InvocationContext> invocations = new HashMap<>();

    SessionCallee(ClientSession session, SessionRequests requests, ClientConfig config) {
        this.session = session;
        this.requests = requests;
        this.config = config;
    }

    ClientContext context() {
        return session.context();
    }

    Future<Registration> register(Registration registration) {
        return requests.request(Register.CODE, id -> new Register(id, registration.options(), registration.procedure()),
                registration, config.requestTimeout());
    }

    void registered(Registered m) {
        requests.<Registration>acknowledged(m.request(), Register.CODE, "REGISTERED", registration -> {
            registrations.put(m.registration(), registration);
            registration.activate(m.registration());
            session.holdings().track(registration);
        }, () -> requests.request(Unregister.CODE, id -> new Unregister(id, m.registration()), null, config.requestTimeout()));
    }

    Future<Void> unregister(Registration registration) {
        if (registrations.remove(registration.id(), registration)) {
            return requests.request(Unregister.CODE, id -> new Unregister(id, registration.id()), null, config.requestTimeout());
        }
        return Future.succeededFuture();
    }

    void unregistered(Unregistered m) {
        if (m.request() != 0) {
            requests.complete(m.request(), Unregister.CODE, "UNREGISTERED", null);
        } else {
            SessionRequests.revoked(m.details(), "registration", registrations::remove, session.holdings()::untrack);
        }
    }

    void invocation(Invocation m) {
        Registration registration = registrations.get(m.registration());
        if (registration == null) {
            session.send(new Error(Invocation.CODE, m.request(), Map.of(), WampErrors.NO_SUCH_REGISTRATION, List.of(), Map.of()));
            return;
        }
        InvocationContext invocation = new InvocationContext(registration, m.request(), m.args(), m.kwargs(), m.details(), this);
        invocations.put(m.request(), invocation);
        Future<CallResult> outcome;
        try {
            outcome = registration.handler().apply(invocation);
            if (outcome == null) {
                outcome = Future.failedFuture(new NullPointerException("the handler of " + registration.procedure() + " returned null"));
            }
        } catch (RuntimeException e) {
            outcome = Future.failedFuture(e);
        }
        outcome.onComplete(ar -> context().run(() -> finish(invocation, ar.succeeded() ? ar.result() : null, ar.cause())));
    }

    private void finish(InvocationContext invocation, CallResult result, Throwable failure) {
        if (invocation.isDone() || invocation.isCanceled() || invocations.remove(invocation.request()) == null) {
            return;
        }
        invocation.markDone();
        if (!session.isJoined() && !session.isClosing()) {
            return;
        }
        long request = invocation.request();
        if (failure == null) {
            CallResult value = result == null ? CallResult.empty() : result;
            session.send(new Yield(request, Map.of(), value.args(), value.kwargs()));
        } else if (failure instanceof WampException e) {
            session.send(new Error(Invocation.CODE, request, Map.of(), e.error(), e.args(), e.kwargs()));
        } else {
            LOG.log(Level.WARNING, "the handler of " + invocation.procedure() + " failed", failure);
            session.send(new Error(Invocation.CODE, request, Map.of(), ClientErrors.RUNTIME_ERROR,
                    List.of("the procedure failed; see the callee's log"), Map.of()));
        }
    }

    void sendProgress(InvocationContext invocation, List<Object> args, Map<String, Object> kwargs) {
        context().run(() -> {
            if (!invocation.isDone() && !invocation.isCanceled() && session.isJoined()) {
                session.send(new Yield(invocation.request(), Map.of("progress", true), args, kwargs));
            }
        });
    }

    void interrupt(Interrupt m) {
        InvocationContext invocation = invocations.remove(m.request());
        if (invocation == null) {
            return;
        }
        invocation.markDone();
        invocation.interrupt();
        session.send(new Error(Invocation.CODE, m.request(), Map.of(), WampErrors.CANCELED, List.of(), Map.of()));
    }

    /** The session is over: every running invocation is interrupted. */
    void interruptAll() {
        List<InvocationContext> running = List.copyOf(invocations.values());
        invocations.clear();
        running.forEach(InvocationContext::interrupt);
    }
}
