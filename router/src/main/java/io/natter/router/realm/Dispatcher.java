package io.natter.router.realm;

import io.natter.router.access.Action;
import io.natter.router.access.Authorization;
import io.natter.router.auth.Authorizer;
import io.natter.router.broker.Broker;
import io.natter.router.broker.PublishOptions;
import io.natter.router.dealer.CallOptions;
import io.natter.router.dealer.CancelMode;
import io.natter.router.dealer.Dealer;
import io.natter.router.dealer.InvokePolicy;
import io.natter.router.util.Ids;
import io.natter.router.util.Options;
import io.natter.router.util.ProtocolViolation;
import io.natter.router.peer.Session;
import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Cancel;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Unregister;
import io.natter.wamp.message.Unsubscribe;
import io.natter.wamp.message.Yield;
import io.natter.wamp.uri.MatchPolicy;
import io.natter.router.util.Completion;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one dispatch switch: routes a message of an established session to the broker or the
 * dealer, after the checks every request goes through, in this order: request ID range,
 * options (wrong types are a protocol violation), URI rules and reserved URIs (ERROR
 * {@code wamp.error.invalid_uri}), then the realm's authorizer (ERROR
 * {@code wamp.error.not_authorized} / {@code wamp.error.authorization_failed}).
 *
 * <p>Errors for PUBLISH are only sent when the publisher asked for acknowledgement, as the spec
 * says (Autobahn treats an ERROR for an unacknowledged publish as a protocol violation).
 *
 * <p>Returns a {@link Uni} that completes once the request is handled (after the authorizer
 * answered); the transport handles the session's next message only then, which keeps one
 * session's requests in order. Throws {@link ProtocolViolation} for a message that breaks the
 * protocol.
 */
final class Dispatcher {

    /** ERROR of a PUBLISH past the session's rate limit (sent only when acknowledgement was asked). */
    static final String RATE_LIMITED = "natter.error.rate_limited";


    private final Broker broker;
    private final Dealer dealer;
    private final Authorizer authorizer;
    private final UriCheck uris;
    private final int publishesPerSecond;

    Dispatcher(Broker broker, Dealer dealer, Authorizer authorizer, UriCheck uris) {
        this(broker, dealer, authorizer, uris, 0);
    }

    /** @param publishesPerSecond each session's publication rate limit (0: none) */
    Dispatcher(Broker broker, Dealer dealer, Authorizer authorizer, UriCheck uris, int publishesPerSecond) {
        this.publishesPerSecond = publishesPerSecond;
        this.broker = broker;
        this.dealer = dealer;
        this.authorizer = authorizer;
        this.uris = uris;
    }

    Uni<Void> dispatch(Session session, Message message) {
        switch (message.code()) {
            case Publish.CODE:
                return publish(session, (Publish) message);
            case Subscribe.CODE:
                return subscribe(session, (Subscribe) message);
            case Unsubscribe.CODE:
                Unsubscribe unsubscribe = (Unsubscribe) message;
                checkRequestId(unsubscribe.request(), "UNSUBSCRIBE");
                broker.unsubscribe(session, unsubscribe.request(), unsubscribe.subscription());
                return Completion.DONE;
            case Call.CODE:
                return call(session, (Call) message);
            case Register.CODE:
                return register(session, (Register) message);
            case Unregister.CODE:
                Unregister unregister = (Unregister) message;
                checkRequestId(unregister.request(), "UNREGISTER");
                dealer.unregister(session, unregister.request(), unregister.registration());
                return Completion.DONE;
            case Yield.CODE:
                Yield yield = (Yield) message;
                dealer.yield(session, yield, Options.flag(yield.options(), "progress", false, "YIELD.Options"));
                return Completion.DONE;
            case Cancel.CODE:
                Cancel cancel = (Cancel) message;
                String mode = Options.string(cancel.options(), "mode", CancelMode.KILLNOWAIT.wireName(), "CANCEL.Options");
                dealer.cancel(session, cancel.request(), CancelMode.fromWire(mode)
                        .orElseThrow(() -> new ProtocolViolation("CANCEL.Options.mode '" + mode + "' is not skip, kill or killnowait")));
                return Completion.DONE;
            case Error.CODE:
                Error error = (Error) message;
                if (error.requestType() != Invocation.CODE) {
                    throw new ProtocolViolation("a client may send ERROR only for INVOCATION, not for message type " + error.requestType());
                }
                dealer.calleeError(session, error);
                return Completion.DONE;
            default:
                throw new ProtocolViolation(message.getClass().getSimpleName().toUpperCase() + " is not a message a client may send to a router");
        }
    }

    private Uni<Void> publish(Session session, Publish publish) {
        checkRequestId(publish.request(), "PUBLISH");
        PublishOptions options = PublishOptions.parse(publish.options());
        String topic = publish.topic();
        if (publishesPerSecond > 0 && !session.takePublishToken(publishesPerSecond, System.nanoTime())) {
            refusePublish(session, publish, options, RATE_LIMITED,
                    "more than " + publishesPerSecond + " publications per second: publication dropped");
            return Completion.DONE;
        }
        if (!uris.isValid(topic)) {
            refusePublish(session, publish, options, WampErrors.INVALID_URI, "publish with invalid topic URI '" + topic + "'");
            return Completion.DONE;
        }
        if (UriCheck.isReserved(topic)) {
            refusePublish(session, publish, options, WampErrors.INVALID_URI, "publish with restricted topic URI '" + topic + "'");
            return Completion.DONE;
        }
        return authorize(session, topic, Action.PUBLISH, publish.options(), authorization -> {
            if (authorization == null) {
                refusePublish(session, publish, options, WampErrors.AUTHORIZATION_FAILED, "authorization to publish to topic '" + topic + "' failed");
            } else if (!authorization.allowed()) {
                refusePublish(session, publish, options, WampErrors.NOT_AUTHORIZED, "session is not authorized to publish to topic '" + topic + "'");
            } else {
                broker.publish(session, publish.request(), topic, options, options.discloseMe() || authorization.disclose(),
                        publish.args(), publish.kwargs());
            }
        });
    }

    private static void refusePublish(Session session, Publish publish, PublishOptions options, String error, String message) {
        if (options.acknowledge()) {
            session.send(errorFor(Publish.CODE, publish.request(), error, message));
        }
    }

    private Uni<Void> subscribe(Session session, Subscribe subscribe) {
        checkRequestId(subscribe.request(), "SUBSCRIBE");
        MatchPolicy policy = matchPolicy(subscribe.options(), "SUBSCRIBE.Options");
        boolean getRetained = Options.flag(subscribe.options(), "get_retained", false, "SUBSCRIBE.Options");
        String topic = subscribe.topic();
        if (!uris.isValidPattern(topic, policy)) {
            session.send(errorFor(Subscribe.CODE, subscribe.request(), WampErrors.INVALID_URI,
                    "subscribe for invalid topic URI '" + topic + "' (match " + policy.wireName() + ")"));
            return Completion.DONE;
        }
        return authorize(session, topic, Action.SUBSCRIBE, subscribe.options(), authorization -> {
            if (refused(session, Subscribe.CODE, subscribe.request(), authorization, "subscribe to topic", topic)) {
                return;
            }
            broker.subscribe(session, subscribe.request(), topic, policy, getRetained);
        });
    }

    private Uni<Void> call(Session session, Call call) {
        checkRequestId(call.request(), "CALL");
        CallOptions options = CallOptions.parse(call.options());
        String procedure = call.procedure();
        if (!uris.isValid(procedure)) {
            session.send(errorFor(Call.CODE, call.request(), WampErrors.INVALID_URI, "call with invalid procedure URI '" + procedure + "'"));
            return Completion.DONE;
        }
        return authorize(session, procedure, Action.CALL, call.options(), authorization -> {
            if (refused(session, Call.CODE, call.request(), authorization, "call procedure", procedure)) {
                return;
            }
            dealer.call(session, call, options, options.discloseMe() || authorization.disclose());
        });
    }

    private Uni<Void> register(Session session, Register register) {
        checkRequestId(register.request(), "REGISTER");
        String where = "REGISTER.Options";
        MatchPolicy policy = matchPolicy(register.options(), where);
        String invokeName = Options.string(register.options(), "invoke", InvokePolicy.SINGLE.wireName(), where);
        InvokePolicy invoke = InvokePolicy.fromWire(invokeName)
                .orElseThrow(() -> new ProtocolViolation(where + ".invoke '" + invokeName + "' is not single, roundrobin, random, first or last"));
        boolean discloseCaller = Options.flag(register.options(), "disclose_caller", false, where);
        boolean forceReregister = Options.flag(register.options(), "force_reregister", false, where);
        String procedure = register.procedure();
        if (!uris.isValidPattern(procedure, policy)) {
            session.send(errorFor(Register.CODE, register.request(), WampErrors.INVALID_URI,
                    "register for invalid procedure URI '" + procedure + "' (match " + policy.wireName() + ")"));
            return Completion.DONE;
        }
        if (UriCheck.isReserved(procedure)) {
            session.send(errorFor(Register.CODE, register.request(), WampErrors.INVALID_URI,
                    "register for restricted procedure URI '" + procedure + "'"));
            return Completion.DONE;
        }
        return authorize(session, procedure, Action.REGISTER, register.options(), authorization -> {
            if (refused(session, Register.CODE, register.request(), authorization, "register procedure", procedure)) {
                return;
            }
            dealer.register(session, register.request(), procedure, policy, invoke, discloseCaller, forceReregister);
        });
    }

    /** Runs {@code then} with the authorizer's answer (at once when it has one), or with null if the authorizer failed. */
    private Uni<Void> authorize(Session session, String uri, Action action, Map<String, Object> options,
            Consumer<Authorization> then) {
        Authorization now = authorizer.decideNow(session, uri, action, options);
        if (now != null) {
            then.accept(now);
            return Completion.DONE;
        }
        return authorizer.authorize(session, uri, action, options)
                .onFailure().recoverWithNull()
                .invoke(then)
                .replaceWithVoid();
    }

    private static boolean refused(Session session, int requestType, long request, Authorization authorization,
            String what, String uri) {
        if (authorization == null) {
            session.send(errorFor(requestType, request, WampErrors.AUTHORIZATION_FAILED, "authorization to " + what + " '" + uri + "' failed"));
            return true;
        }
        if (!authorization.allowed()) {
            session.send(errorFor(requestType, request, WampErrors.NOT_AUTHORIZED, "session is not authorized to " + what + " '" + uri + "'"));
            return true;
        }
        return false;
    }

    private static MatchPolicy matchPolicy(Map<String, Object> options, String where) {
        String match = Options.string(options, "match", MatchPolicy.EXACT.wireName(), where);
        return MatchPolicy.fromWire(match)
                .orElseThrow(() -> new ProtocolViolation(where + ".match '" + match + "' is not exact, prefix or wildcard"));
    }

    /**
     * A client's request ID must be in [1, 2^53]; any such ID is accepted, in any order (Crossbar
     * does the same: Thruway draws them at random, Autobahn skips one whose message it failed to
     * serialize). Only a CALL whose ID is still pending is refused, by the dealer.
     */
    private static void checkRequestId(long request, String messageName) {
        if (!Ids.isValid(request)) {
            throw new ProtocolViolation(messageName + " request ID " + request + " is not in [1, 2^53]");
        }
    }

    static Error errorFor(int requestType, long request, String error, String message) {
        return new Error(requestType, request, Map.of(), error, List.of(message), Map.of());
    }
}
