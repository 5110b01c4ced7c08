package io.natter.router.dealer;

import io.natter.router.access.Principal;
import io.natter.router.peer.ClientRoles;
import io.natter.router.outbound.Outbound;
import io.natter.router.outbound.OutgoingMessage;
import io.natter.router.peer.Session;
import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Result;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls made by the router itself (dynamic authenticators and authorizers), routed by the realm's
 * dealer like any call: each call gets a throw-away caller session that is never attached to the
 * realm (authid {@code natter.router}, authrole {@code trusted}, session ID 0), whose way out turns
 * the RESULT or ERROR into the completion of a {@link Uni}.
 *
 * <p>Every call carries a dealer timeout, so it ends in bounded time whatever the callee does;
 * the dealer's errors ({@code no_such_procedure}, {@code timeout}, {@code canceled} when the
 * callee leaves) fail the {@link Uni} with an {@link InternalCallException} marked as not from the
 * callee. Thread-safe; the {@link Uni} completes on the thread that delivered the answer.
 */
final class InternalCaller {

    /** The authid of the router's own caller session. */
    static final String AUTHID = "natter.router";
    /** The authrole of the router's own caller session. */
    static final String AUTHROLE = "trusted";

    private static final Set<String> DEALER_ERRORS = Set.of(WampErrors.NO_SUCH_PROCEDURE, WampErrors.TIMEOUT, WampErrors.CANCELED);
    private static final Principal ROUTER = new Principal(AUTHID, AUTHROLE, "trusted", "static", Map.of());

    private final Dealer dealer;
    private final AtomicLong requests = new AtomicLong();

    InternalCaller(Dealer dealer) {
        this.dealer = dealer;
    }

    Uni<InternalCallResult> call(String procedure, List<Object> args, Map<String, Object> kwargs, Duration timeout) {
        long timeoutMillis = Math.max(1, timeout.toMillis());
        return Uni.createFrom().emitter(emitter -> {
            long request = requests.incrementAndGet();
            Session caller = new Session(0, "", ROUTER, new ClientRoles(Map.of("caller", Map.of())), new Answer(emitter),
                    Map.of("type", "internal"), (reason, message) -> { });
            Call call = new Call(request, Map.of("timeout", timeoutMillis), procedure, args, kwargs);
            dealer.call(caller, call, new CallOptions(timeoutMillis, false, false), false);
        });
    }

    /** The throw-away caller's way out: the first RESULT or ERROR completes the call. */
    private static final class Answer implements Outbound {
        private final UniEmitter<? super InternalCallResult> emitter;

        Answer(UniEmitter<? super InternalCallResult> emitter) {
            this.emitter = emitter;
        }

        @Override
        public void send(OutgoingMessage message) {
            send(message.message());
        }

        @Override
        public void send(Message message) {
            if (message instanceof Result result) {
                emitter.complete(new InternalCallResult(result.args(), result.kwargs()));
            } else if (message instanceof Error error) {
                // A callee could answer with one of the dealer's URIs too; either way the call failed closed.
                emitter.fail(new InternalCallException(error.error(), error.args(), !DEALER_ERRORS.contains(error.error())));
            }
        }

        @Override
        public void close(Message last, int code, String reason) {
            emitter.fail(new InternalCallException(WampErrors.CANCELED, List.of(), false));
        }
    }
}
