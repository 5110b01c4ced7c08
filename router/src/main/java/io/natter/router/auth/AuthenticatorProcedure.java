package io.natter.router.auth;

import io.natter.router.dealer.InternalCallException;
import io.natter.router.peer.TransportInfo;
import io.natter.wamp.WampErrors;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * A dynamic authenticator procedure (Crossbar's {@code "type": "dynamic", "authenticator": uri}),
 * called through the dealer of the realm the client joins (or of {@code authenticator-realm}) as
 * {@code (realm, authid, details)}, always within the configured timeout.
 *
 * <p>The outcome is one of three: an answer (the {@link Uni}'s item), a refusal (the procedure
 * answered ERROR: {@link Refused}), or unavailability (no such realm, no callee registered, no
 * answer in time, callee gone: {@link Unavailable}). Authenticators treat a refusal exactly like
 * wrong credentials, so an authenticator that refuses unknown authids keeps them
 * indistinguishable; unavailability refuses the session with {@code wamp.error.authentication_failed}.
 */
final class AuthenticatorProcedure {

    /** The procedure answered ERROR. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String error) {
            super(error, null, false, false);
        }
    }

    /** The procedure could not be asked or did not answer in time; the message is safe for an ABORT. */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private static final Logger LOG = Logger.getLogger(AuthenticatorProcedure.class);
    /** The authenticator's own "cannot reach what it decides from" (app-api away or slow). */
    static final String UNAVAILABLE = "natter.error.unavailable";
    private static final String AUTHENTICATION_FAILED = WampErrors.AUTHENTICATION_FAILED;
    /**
     * ERRORs of the authenticator that mean it could not decide, not that the credentials are wrong:
     * the session is refused with {@code wamp.error.authentication_failed} (try again later), not
     * with the {@code not_authorized} of a refusal.
     */
    private static final Set<String> CANNOT_DECIDE = Set.of(UNAVAILABLE, AUTHENTICATION_FAILED);
    private static final Set<String> HIDDEN_HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

    private final String procedure;
    private final String authenticatorRealm;
    private final RealmLookup realms;
    private final Duration timeout;

    AuthenticatorProcedure(String procedure, String authenticatorRealm, RealmLookup realms, Duration timeout) {
        this.procedure = Objects.requireNonNull(procedure, "procedure");
        this.authenticatorRealm = authenticatorRealm;
        this.realms = Objects.requireNonNull(realms, "realms");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    String procedure() {
        return procedure;
    }

    /** Calls the procedure; the item is the first positional result (null when there is none). */
    Uni<Object> call(String realm, String authid, Map<String, Object> details) {
        String target = authenticatorRealm != null ? authenticatorRealm : realm;
        AuthRealm where = realms.find(target);
        if (where == null) {
            return Uni.createFrom().failure(new Unavailable("dynamic authenticator realm '" + target + "' does not exist"));
        }
        Uni<Object> answer = where.callInternal(procedure, Arrays.asList(realm, authid, details), Map.of(), timeout)
                .map(result -> result.arg0())
                // The dealer's own timeout ends the call; this guard only backs it up.
                .ifNoItem().after(timeout.plusSeconds(1)).failWith(TimeoutException::new)
                .onFailure().transform(this::classify);
        return OnCallerContext.of(answer);
    }

    private RuntimeException classify(Throwable failure) {
        if (failure instanceof InternalCallException error && error.fromCallee() && !CANNOT_DECIDE.contains(error.error())) {
            LOG.debugf("dynamic authenticator %s refused: %s", procedure, error.error());
            return new Refused(error.error());
        }
        String why;
        if (failure instanceof InternalCallException error) {
            why = switch (error.error()) {
                case WampErrors.NO_SUCH_PROCEDURE -> "no callee is registered";
                case WampErrors.TIMEOUT -> "no answer within " + timeout.toMillis() + " ms";
                case WampErrors.CANCELED -> "the callee left before answering";
                case UNAVAILABLE -> "it could not reach what it decides from";
                case AUTHENTICATION_FAILED -> "it could not decide";
                default -> error.error();
            };
        } else if (failure instanceof TimeoutException) {
            why = "no answer within " + timeout.toMillis() + " ms";
        } else {
            why = "internal error";
            LOG.warnf(failure, "calling dynamic authenticator %s failed", procedure);
        }
        LOG.warnf("dynamic authenticator %s unavailable: %s", procedure, why);
        return new Unavailable("dynamic authenticator '" + procedure + "' unavailable: " + why);
    }

    /**
     * The {@code details} argument, in Crossbar's shape: authmethod, authid, session, authextra,
     * transport ({@code type}, {@code peer}, {@code http_headers_received} without credential
     * headers, {@code protocol}); the caller adds {@code ticket} for ticket authentication.
     */
    static Map<String, Object> details(String authmethod, String realm, Map<String, Object> hello, TransportInfo transport, long session) {
        Map<String, Object> headers = new LinkedHashMap<>();
        transport.httpHeaders().forEach((name, value) -> {
            if (!HIDDEN_HEADERS.contains(name)) {
                headers.put(name, value);
            }
        });
        Map<String, Object> transportDetails = new LinkedHashMap<>();
        transportDetails.put("type", "websocket");
        transportDetails.put("transport_id", transport.transportId());
        transportDetails.put("peer", transport.peer());
        transportDetails.put("http_headers_received", headers);
        transportDetails.put("protocol", transport.protocol());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("realm", realm);
        details.put("authmethod", authmethod);
        details.put("authid", hello.get("authid"));
        details.put("authextra", hello.get("authextra"));
        details.put("session", session);
        details.put("transport", transportDetails);
        return details;
    }
}
