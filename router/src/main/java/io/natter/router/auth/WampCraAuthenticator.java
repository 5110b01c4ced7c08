package io.natter.router.auth;

import io.natter.router.access.Principal;

import io.natter.router.config.CraUser;
import io.natter.router.config.WampCraAuthConfig;
import io.natter.router.peer.TransportInfo;
import io.natter.wamp.auth.Secret;
import io.natter.wamp.auth.WampCra;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * WAMP-CRA ({@code authmethod: wampcra}), static ({@code users{authid: {secret, role, salt?,
 * iterations?, keylen?}}}) or dynamic (the authenticator answers {@code {secret, role, authid?,
 * salt?, iterations?, keylen?, extra?}}). As in Crossbar.io, with a salt the configured or
 * answered {@code secret} is the key derived from the client's password (what
 * {@code auth_cra.derive_key(password, salt, iterations, keylen)} gives); the CHALLENGE carries
 * {@code salt}, {@code iterations} and {@code keylen} so the client derives the same key, and the
 * router only computes an HMAC. The challenge text is Crossbar's JSON ({@link WampCra#challenge}).
 *
 * <p>An unknown authid (and a dynamic authenticator's refusal) gets a decoy challenge shaped like
 * a real user's: the salt {@link WampCra#fakeSalt} derives from the authid (stable across
 * attempts), the salt parameters and role of a real user, and a random key; AUTHENTICATE is then
 * verified against that key as usual and fails with the same ABORT, in the same time, as a wrong
 * signature. An empty secret never verifies.
 */
public final class WampCraAuthenticator implements Authenticator {

    /** The method name on the wire. */
    public static final String METHOD = "wampcra";

    /** How a challenge looks: the role it names and its salt parameters (salt null = unsalted). */
    private record Shape(String role, String salt, int iterations, int keylen) {
    }

    private static final Uni<AuthStep> NO_AUTHID = Uni.createFrom().item(AuthRejections.noAuthid(METHOD));

    private final WampCraAuthConfig config;
    private final RealmLookup realms;
    private final AuthenticatorProcedure dynamic;
    private final byte[] fakeSaltKey;
    private final Secret decoyKey = Secret.of(WampCra.newNonce());
    private final Shape staticDecoy;
    private volatile Shape lastDynamicShape;

    public WampCraAuthenticator(WampCraAuthConfig config, RealmLookup realms, AuthSettings settings) {
        this.config = Objects.requireNonNull(config, "config");
        this.realms = Objects.requireNonNull(realms, "realms");
        this.fakeSaltKey = settings.fakeSaltKey().clone();
        this.dynamic = config.isDynamic()
                ? new AuthenticatorProcedure(config.authenticator(), config.authenticatorRealm(), realms, settings.authenticatorTimeout())
                : null;
        this.staticDecoy = staticDecoy(config);
    }

    @Override
    public String authmethod() {
        return METHOD;
    }

    @Override
    public Uni<AuthStep> onHello(String realm, Map<String, Object> helloDetails, TransportInfo transport, long sessionId) {
        if (!(helloDetails.get("authid") instanceof String authid)) {
            return NO_AUTHID;
        }
        if (dynamic == null) {
            CraUser user = config.users().get(authid);
            AuthStep step = user == null
                    ? decoy(authid, staticDecoy, "static", sessionId)
                    : challenge(authid, shapeOf(user), user.secret(), new Principal(authid, user.role(), METHOD, "static", Map.of()), sessionId);
            return Uni.createFrom().item(step);
        }
        Map<String, Object> details = AuthenticatorProcedure.details(METHOD, realm, helloDetails, transport, sessionId);
        return dynamic.call(realm, authid, details)
                .map(answer -> dynamicChallenge(authid, answer, sessionId))
                .onFailure(AuthenticatorProcedure.Refused.class).recoverWithItem(refused -> decoy(authid, dynamicDecoy(realm), "dynamic", sessionId))
                .onFailure().recoverWithItem(failure -> AuthRejections.of(failure, METHOD));
    }

    private AuthStep dynamicChallenge(String requested, Object answer, long sessionId) {
        String procedure = dynamic.procedure();
        if (!(answer instanceof Map<?, ?> map)) {
            throw new AuthRejections.InvalidAnswer(procedure, "with no dict");
        }
        if (!(map.get("secret") instanceof String secret)) {
            throw new AuthRejections.InvalidAnswer(procedure, "without a secret");
        }
        if (!(map.get("role") instanceof String role)) {
            throw new AuthRejections.InvalidAnswer(procedure, "without a role");
        }
        Object salt = map.get("salt");
        if (salt != null && !(salt instanceof String)) {
            throw new AuthRejections.InvalidAnswer(procedure, "a salt that is not a string");
        }
        Shape shape = new Shape(role, (String) salt, positive(map.get("iterations"), WampCra.DEFAULT_ITERATIONS, procedure),
                positive(map.get("keylen"), WampCra.DEFAULT_KEYLEN, procedure));
        lastDynamicShape = shape;
        String authid = DynamicAnswers.authid(map, requested, procedure);
        Principal principal = new Principal(authid, role, METHOD, "dynamic", DynamicAnswers.extra(map, procedure));
        return challenge(authid, shape, Secret.of(secret), principal, sessionId);
    }

    private AuthStep challenge(String authid, Shape shape, Secret key, Principal onSuccess, long sessionId) {
        String text = WampCra.challenge(authid, shape.role(), METHOD, onSuccess.authprovider(), sessionId, WampCra.newNonce(), Instant.now());
        boolean usable = !key.reveal().isEmpty();
        Secret signingKey = usable ? key : decoyKey;
        return new AuthStep.Challenge(METHOD, extra(text, shape), authenticate -> {
            boolean valid = WampCra.verify(signingKey.reveal(), text, authenticate.signature());
            return Uni.createFrom().item(valid && usable ? new AuthStep.Accept(onSuccess) : AuthRejections.badCredentials(METHOD));
        });
    }

    private AuthStep decoy(String authid, Shape shape, String provider, long sessionId) {
        Shape salted = shape.salt() == null ? shape : new Shape(shape.role(), WampCra.fakeSalt(authid, fakeSaltKey), shape.iterations(), shape.keylen());
        String text = WampCra.challenge(authid, salted.role(), METHOD, provider, sessionId, WampCra.newNonce(), Instant.now());
        return new AuthStep.Challenge(METHOD, extra(text, salted), authenticate -> {
            WampCra.verify(decoyKey.reveal(), text, authenticate.signature());
            return Uni.createFrom().item(AuthRejections.badCredentials(METHOD));
        });
    }

    /** A dynamic decoy looks like the authenticator's last answer; before any, like a salted user of the realm's first role. */
    private Shape dynamicDecoy(String realm) {
        Shape last = lastDynamicShape;
        if (last != null) {
            return last;
        }
        AuthRealm where = realms.find(realm);
        String role = where == null || where.roles().isEmpty() ? "user" : where.roles().get(0);
        return new Shape(role, "", WampCra.DEFAULT_ITERATIONS, WampCra.DEFAULT_KEYLEN);
    }

    private static Map<String, Object> extra(String challenge, Shape shape) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("challenge", challenge);
        if (shape.salt() != null) {
            extra.put("salt", shape.salt());
            extra.put("iterations", shape.iterations());
            extra.put("keylen", shape.keylen());
        }
        return extra;
    }

    private static Shape shapeOf(CraUser user) {
        return new Shape(user.role(), user.salt(),
                user.iterations() == null ? WampCra.DEFAULT_ITERATIONS : user.iterations(),
                user.keylen() == null ? WampCra.DEFAULT_KEYLEN : user.keylen());
    }

    /** A static decoy looks like the first salted user if any is salted, else like the first user. */
    private static Shape staticDecoy(WampCraAuthConfig config) {
        Shape first = null;
        for (CraUser user : config.users().values()) {
            if (user.salt() != null) {
                return shapeOf(user);
            }
            if (first == null) {
                first = shapeOf(user);
            }
        }
        return first != null ? first : new Shape("anonymous", null, WampCra.DEFAULT_ITERATIONS, WampCra.DEFAULT_KEYLEN);
    }

    private static int positive(Object value, int fallback, String procedure) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.intValue() < 1) {
            throw new AuthRejections.InvalidAnswer(procedure, "iterations or keylen that is not a positive number");
        }
        return number.intValue();
    }
}
