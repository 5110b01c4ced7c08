package io.natter.wamp.client;

import io.natter.wamp.WampErrors;
import io.natter.wamp.auth.Secret;
import io.natter.wamp.message.Authenticate;
import io.natter.wamp.message.Challenge;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the client authenticates: what HELLO announces and how a CHALLENGE is answered. One
 * instance per client, used on its context thread; answers that need CPU work (key derivation)
 * run on a worker thread.
 *
 * <p>Each authenticator offers one method; a challenge for any other is refused here, so
 * {@link #respond} only sees challenges for its own.
 */
abstract class Authenticator {

    private final String authmethod;
    private final String authid;

    Authenticator(String authmethod, String authid) {
        this.authmethod = authmethod;
        this.authid = authid;
    }

    /** The {@code authmethods} HELLO offers. */
    final List<String> authmethods() {
        return List.of(authmethod);
    }

    /** The {@code authid} HELLO asks for, or null. */
    final String authid() {
        return authid;
    }

    /** The AUTHENTICATE answering {@code challenge}, or a failed future with a {@link WampException}. */
    final Future<Authenticate> answer(Challenge challenge, Context context) {
        if (!challenge.authMethod().equals(authmethod)) {
            return unexpected(challenge);
        }
        return respond(challenge, context);
    }

    /** Like {@link #answer}, for a challenge of this authenticator's method. */
    abstract Future<Authenticate> respond(Challenge challenge, Context context);

    static Authenticator anonymous(String authid) {
        return new Authenticator("anonymous", authid) {
            @Override
            Future<Authenticate> respond(Challenge challenge, Context context) {
                // Anonymous authentication has no challenge to answer.
                return unexpected(challenge);
            }
        };
    }

    static Authenticator ticket(String authid, Secret ticket) {
        Objects.requireNonNull(authid, "authid");
        Objects.requireNonNull(ticket, "ticket");
        return new Authenticator("ticket", authid) {
            @Override
            Future<Authenticate> respond(Challenge challenge, Context context) {
                return Future.succeededFuture(new Authenticate(ticket.reveal(), Map.of()));
            }
        };
    }

    static Authenticator wampcra(String authid, Secret secret) {
        return new WampCraAuthenticator(authid, secret);
    }

    private static Future<Authenticate> unexpected(Challenge challenge) {
        return Future.failedFuture(new WampException(WampErrors.NO_AUTH_METHOD,
                "the client cannot answer a challenge for " + challenge.authMethod()));
    }
}
