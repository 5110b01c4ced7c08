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
 */
abstract class Authenticator {

    /** The {@code authmethods} HELLO offers. */
    abstract List<String> authmethods();

    /** The {@code authid} HELLO asks for, or null. */
    abstract String authid();

    /** The AUTHENTICATE answering {@code challenge}, or a failed future with a {@link WampException}. */
    abstract Future<Authenticate> answer(Challenge challenge, Context context);

    static Authenticator anonymous(String authid) {
        return new Authenticator() {
            @Override
            List<String> authmethods() {
                return List.of("anonymous");
            }

            @Override
            String authid() {
                return authid;
            }

            @Override
            Future<Authenticate> answer(Challenge challenge, Context context) {
                return unexpected(challenge);
            }
        };
    }

    static Authenticator ticket(String authid, Secret ticket) {
        Objects.requireNonNull(authid, "authid");
        Objects.requireNonNull(ticket, "ticket");
        return new Authenticator() {
            @Override
            List<String> authmethods() {
                return List.of("ticket");
            }

            @Override
            String authid() {
                return authid;
            }

            @Override
            Future<Authenticate> answer(Challenge challenge, Context context) {
                if (!challenge.authMethod().equals("ticket")) {
                    return unexpected(challenge);
                }
                return Future.succeededFuture(new Authenticate(ticket.reveal(), Map.of()));
            }
        };
    }

    static Authenticator wampcra(String authid, Secret secret) {
        return new WampCraAuthenticator(authid, secret);
    }

    static Future<Authenticate> unexpected(Challenge challenge) {
        return Future.failedFuture(new WampException(WampErrors.NO_AUTH_METHOD,
                "the client cannot answer a challenge for " + challenge.authMethod()));
    }
}
