package io.natter.router.dealer;

import java.util.List;
import java.util.Objects;

/**
 * A call the router made itself ({@link Dealer#callInternal}) ended with ERROR: from the callee
 * ({@link #fromCallee()}), or from the dealer (no callee registered, timeout, callee gone).
 * The message holds the error URI only, never the callee's arguments (they may echo credentials).
 */
public final class InternalCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final transient List<Object> args;
    private final boolean fromCallee;

    public InternalCallException(String error, List<Object> args, boolean fromCallee) {
        super(error, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.args = args == null ? List.of() : args;
        this.fromCallee = fromCallee;
    }

    /** The error URI, e.g. {@code wamp.error.no_such_procedure}. */
    public String error() {
        return error;
    }

    /** The ERROR's positional arguments. */
    public List<Object> args() {
        return args;
    }

    /** Whether the callee answered with this error (rather than the dealer failing the call). */
    public boolean fromCallee() {
        return fromCallee;
    }
}
