package io.natter.wamp.client;

import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Challenge;
import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Welcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The opening handshake of one {@link ClientSession}: the HELLO it sends, then CHALLENGE →
 * AUTHENTICATE (through the client's {@link Authenticator}) until WELCOME or ABORT. Runs on the
 * client's context like its session.
 */
final class ClientHandshake {

    static final String AGENT = "natter-wamp-java";

    /** The roles and features HELLO announces. */
    static final Map<String, Object> ROLES = Map.of(
            "publisher", features("publisher_exclusion", "publisher_identification", "subscriber_blackwhite_listing"),
            "subscriber", features("pattern_based_subscription", "publisher_identification", "subscription_revocation"),
            "caller", features("call_canceling", "call_timeout", "caller_identification", "progressive_call_results"),
            "callee", features("call_canceling", "caller_identification", "pattern_based_registration",
                    "progressive_call_results", "registration_revocation", "shared_registration"));

    private final ClientSession session;
    private final ClientConfig config;

    ClientHandshake(ClientSession session, ClientConfig config) {
        this.session = session;
        this.config = config;
    }

    /** The HELLO: realm, roles and features, auth methods, authid and authextra. */
    Hello hello() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("agent", AGENT);
        details.put("roles", ROLES);
        details.put("authmethods", config.authenticator().authmethods());
        if (config.authenticator().authid() != null) {
            details.put("authid", config.authenticator().authid());
        }
        if (!config.authExtra().isEmpty()) {
            details.put("authextra", config.authExtra());
        }
        return new Hello(config.realm(), details);
    }

    /** A message from the router before WELCOME. */
    void handle(Message message) {
        if (message instanceof Welcome welcome) {
            session.welcomed(welcome);
        } else if (message instanceof Challenge challenge) {
            answer(challenge);
        } else if (message instanceof Abort abort) {
            Object text = abort.details().get("message");
            WampException cause = new WampException(abort.reason(), text instanceof String s ? List.of(s) : List.of(),
                    Map.of(), abort.details());
            session.fail(cause, SessionKeeper.FATAL_ABORTS.contains(abort.reason()));
        } else {
            session.violation(message.getClass().getSimpleName() + " before WELCOME");
        }
    }

    private void answer(Challenge challenge) {
        config.authenticator().answer(challenge, session.context().context()).onComplete(ar -> session.context().run(() -> {
            if (!session.inHandshake()) {
                return;
            }
            if (ar.succeeded()) {
                session.send(ar.result());
            } else {
                WampException cause = ar.cause() instanceof WampException w ? w
                        : new WampException(WampErrors.AUTHENTICATION_FAILED, "cannot answer the challenge");
                session.send(new Abort(Map.of("message", cause.getMessage()), cause.error()));
                session.fail(cause, true);
            }
        }));
    }

    private static Map<String, Object> features(String... names) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (String name : names) {
            features.put(name, true);
        }
        return Map.of("features", features);
    }
}
