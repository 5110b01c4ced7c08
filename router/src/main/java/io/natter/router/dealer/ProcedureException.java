package io.natter.router.dealer;

import java.util.Objects;

/** A procedure the router implements itself refused a call: answered as ERROR({@code error}, [message]). */
public final class ProcedureException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String error;

    public ProcedureException(String error, String message) {
        super(message, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** The error URI, e.g. {@code wamp.error.no_such_session}. */
    public String error() {
        return error;
    }
}
