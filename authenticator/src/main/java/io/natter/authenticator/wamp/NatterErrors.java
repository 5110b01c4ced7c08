package io.natter.authenticator.wamp;

/** The ERROR URIs the authenticator answers the router with. */
public final class NatterErrors {

    /**
     * natter.auth: no such user, no such live token of that user, no or a malformed
     * {@code authextra.token_id}. The router turns it into the same ABORT
     * {@code wamp.error.not_authorized} as a wrong signature.
     */
    public static final String NO_SUCH_USER = "natter.error.no_such_user";

    /**
     * app-api did not answer in time or could not be used. The router refuses the HELLO with
     * {@code wamp.error.authentication_failed} (or the action with {@code wamp.error.authorization_failed}).
     */
    public static final String UNAVAILABLE = "natter.error.unavailable";

    /** natter.auth was asked about another authentication method than WAMP-CRA. */
    public static final String UNSUPPORTED_METHOD = "natter.error.unsupported_authmethod";

    private NatterErrors() {
    }
}
