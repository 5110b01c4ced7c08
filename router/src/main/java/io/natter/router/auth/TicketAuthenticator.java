package io.natter.router.auth;

import io.natter.router.access.Principal;

import io.natter.router.config.TicketAuthConfig;
import io.natter.router.config.TicketPrincipal;
import io.natter.router.peer.TransportInfo;
import io.natter.wamp.auth.Secret;
import io.natter.wamp.auth.WampCra;
import io.natter.wamp.message.Authenticate;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.Objects;

/**
 * Ticket authentication ({@code authmethod: ticket}): the router answers HELLO with
 * CHALLENGE("ticket", {}) whatever the authid, and checks the ticket of AUTHENTICATE against the
 * static principal ({@code principals{authid: {ticket, role}}}, compared in constant time) or
 * hands it to the dynamic authenticator as {@code details.ticket}, which answers a role or
 * {@code {role, authid?, extra?}}.
 *
 * <p>An unknown authid is compared against a decoy ticket, so it costs the same and fails with
 * the same ABORT as a wrong ticket. The ticket is never logged.
 */
public final class TicketAuthenticator implements Authenticator {

    /** The method name on the wire. */
    public static final String METHOD = "ticket";

    private static final Uni<AuthStep> NO_AUTHID = Uni.createFrom().item(AuthRejections.noAuthid(METHOD));

    private final TicketAuthConfig config;
    private final AuthenticatorProcedure dynamic;
    private final Secret decoy = Secret.of(WampCra.newNonce());

    public TicketAuthenticator(TicketAuthConfig config, RealmLookup realms, AuthSettings settings) {
        this.config = Objects.requireNonNull(config, "config");
        this.dynamic = config.isDynamic()
                ? new AuthenticatorProcedure(config.authenticator(), config.authenticatorRealm(), realms, settings.authenticatorTimeout())
                : null;
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
        AuthStep.Verifier verifier = dynamic == null
                ? authenticate -> Uni.createFrom().item(checkStatic(authid, authenticate))
                : authenticate -> checkDynamic(realm, authid, helloDetails, transport, sessionId, authenticate);
        return Uni.createFrom().item(new AuthStep.Challenge(METHOD, Map.of(), verifier));
    }

    private AuthStep checkStatic(String authid, Authenticate authenticate) {
        TicketPrincipal principal = config.principals().get(authid);
        Secret expected = principal != null ? principal.ticket() : decoy;
        boolean matches = expected.matches(authenticate.signature());
        if (principal == null || !matches) {
            return AuthRejections.badCredentials(METHOD);
        }
        return new AuthStep.Accept(new Principal(authid, principal.role(), METHOD, "static", Map.of()));
    }

    private Uni<AuthStep> checkDynamic(String realm, String authid, Map<String, Object> hello, TransportInfo transport, long sessionId,
            Authenticate authenticate) {
        Map<String, Object> details = AuthenticatorProcedure.details(METHOD, realm, hello, transport, sessionId);
        details.put("ticket", authenticate.signature());
        return dynamic.call(realm, authid, details)
                .map(answer -> (AuthStep) new AuthStep.Accept(principal(authid, answer)))
                .onFailure().recoverWithItem(failure -> AuthRejections.of(failure, METHOD));
    }

    private Principal principal(String authid, Object answer) {
        if (answer instanceof String role) {
            return new Principal(authid, role, METHOD, "dynamic", Map.of());
        }
        if (!(answer instanceof Map<?, ?> map)) {
            throw new AuthRejections.InvalidAnswer(dynamic.procedure(), "neither a role nor a dict");
        }
        if (!(map.get("role") instanceof String role)) {
            throw new AuthRejections.InvalidAnswer(dynamic.procedure(), "without a role");
        }
        return new Principal(DynamicAnswers.authid(map, authid, dynamic.procedure()), role, METHOD, "dynamic",
                DynamicAnswers.extra(map, dynamic.procedure()));
    }
}
