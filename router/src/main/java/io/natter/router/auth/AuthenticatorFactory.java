package io.natter.router.auth;

import io.natter.router.config.AuthConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the authenticators of one transport from its {@code auth} configuration: one per
 * configured method (anonymous, ticket, wampcra; each static or dynamic). The order does not
 * matter for clients: the handshake honours the order of the client's {@code authmethods}.
 */
public final class AuthenticatorFactory {

    private final AuthSettings settings;

    public AuthenticatorFactory(AuthSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param auth the transport's {@code auth}
     * @param realms finds the realm whose dealer routes dynamic authenticator calls (looked up per call)
     */
    public List<Authenticator> forTransport(AuthConfig auth, RealmLookup realms) {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(realms, "realms");
        List<Authenticator> authenticators = new ArrayList<>(3);
        if (auth.anonymous() != null) {
            authenticators.add(new AnonymousAuthenticator(auth.anonymous().role()));
        }
        if (auth.ticket() != null) {
            authenticators.add(new TicketAuthenticator(auth.ticket(), realms, settings));
        }
        if (auth.wampcra() != null) {
            authenticators.add(new WampCraAuthenticator(auth.wampcra(), realms, settings));
        }
        return List.copyOf(authenticators);
    }
}
