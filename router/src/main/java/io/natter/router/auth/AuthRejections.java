package io.natter.router.auth;

import io.natter.wamp.WampErrors;

/**
 * The ABORTs of a failed authentication. Bad credentials and unknown authids get the same one
 * (Crossbar's {@code wamp.error.not_authorized}), word for word, so the answer does not say which
 * it was; none of them carries a secret or ticket.
 */
final class AuthRejections {

    private AuthRejections() {
    }

    /** Unknown authid, wrong ticket, wrong signature, or refused by the dynamic authenticator. */
    static AuthStep.Reject badCredentials(String authmethod) {
        return new AuthStep.Reject(WampErrors.NOT_AUTHORIZED, authmethod + " authentication failed: unknown authid or wrong credentials");
    }

    /** The client named no authid where the method needs one. */
    static AuthStep.Reject noAuthid(String authmethod) {
        return new AuthStep.Reject(WampErrors.NOT_AUTHORIZED, authmethod + " authentication requires an authid");
    }

    /** The dynamic authenticator could not be asked, did not answer in time, or answered nonsense. */
    static AuthStep.Reject unavailable(String message) {
        return new AuthStep.Reject(WampErrors.AUTHENTICATION_FAILED, message);
    }

    /** Maps a dynamic authenticator failure to its ABORT. */
    static AuthStep.Reject of(Throwable failure, String authmethod) {
        if (failure instanceof AuthenticatorProcedure.Refused) {
            return badCredentials(authmethod);
        }
        if (failure instanceof AuthenticatorProcedure.Unavailable || failure instanceof InvalidAnswer) {
            return unavailable(failure.getMessage());
        }
        return unavailable(authmethod + " authentication failed: internal error");
    }

    /** A dynamic authenticator's answer has the wrong shape; the message is safe for an ABORT. */
    static final class InvalidAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidAnswer(String procedure, String problem) {
            super("dynamic authenticator '" + procedure + "' answered " + problem, null, false, false);
        }
    }
}
