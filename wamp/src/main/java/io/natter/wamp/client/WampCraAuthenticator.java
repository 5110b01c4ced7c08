package io.natter.wamp.client;

import io.natter.wamp.WampErrors;
import io.natter.wamp.auth.Secret;
import io.natter.wamp.auth.WampCra;
import io.natter.wamp.message.Authenticate;
import io.natter.wamp.message.Challenge;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Objects;

/**
 * WAMP-CRA as Autobahn does it: when the challenge's extra carries {@code salt} (with
 * {@code iterations} and {@code keylen}), the signing key is the PBKDF2 key derived from the
 * secret, else the secret itself. Derivation runs on a worker thread (it is deliberately slow)
 * and its result is kept for the next challenge with the same parameters, so reconnects do not
 * pay for it again.
 */
final class WampCraAuthenticator extends Authenticator {

    private final Secret secret;
    private String derivedFor;
    private Secret derivedKey;

    WampCraAuthenticator(String authid, Secret secret) {
        super("wampcra", Objects.requireNonNull(authid, "authid"));
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    @Override
    Future<Authenticate> respond(Challenge challenge, Context context) {
        Map<String, Object> extra = challenge.extra();
        if (!(extra.get("challenge") instanceof String text)) {
            return Future.failedFuture(new WampException(WampErrors.PROTOCOL_VIOLATION, "wampcra challenge without a challenge string"));
        }
        Object salt = extra.get("salt");
        if (salt == null) {
            return Future.succeededFuture(sign(secret, text));
        }
        if (!(salt instanceof String s) || !(extra.get("iterations") instanceof Number iterations)
                || !(extra.get("keylen") instanceof Number keylen)) {
            return Future.failedFuture(new WampException(WampErrors.PROTOCOL_VIOLATION,
                    "wampcra challenge with a salt but without numeric iterations and keylen"));
        }
        String parameters = s + '\u0000' + iterations.intValue() + '\u0000' + keylen.intValue();
        if (parameters.equals(derivedFor)) {
            return Future.succeededFuture(sign(derivedKey, text));
        }
        return context.executeBlocking(() -> Secret.of(WampCra.deriveKey(secret.reveal(), s, iterations.intValue(), keylen.intValue())), false)
                .map(key -> {
                    derivedFor = parameters;
                    derivedKey = key;
                    return sign(key, text);
                });
    }

    private static Authenticate sign(Secret key, String challenge) {
        return new Authenticate(WampCra.sign(key.reveal(), challenge), Map.of());
    }
}
