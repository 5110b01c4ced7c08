package io.natter.wamp.client;

import io.natter.wamp.message.Message;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A WAMP-level failure with an error URI: an ERROR reply from the router, an ABORT of the
 * handshake, a local timeout or cancel, or a lost connection (see {@link ClientErrors}).
 *
 * <p>Callee handlers throw (or fail their future with) this exception to answer a call with
 * that ERROR: its URI, {@code args} and {@code kwargs} go on the wire as they are.
 */
public class WampException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final transient List<Object> args;
    private final transient Map<String, Object> kwargs;
    private final transient Map<String, Object> details;

    /** An error with only a URI. */
    public WampException(String error) {
        this(error, List.of(), Map.of(), Map.of());
    }

    /** An error with a URI and a human-readable message, sent as the single positional argument. */
    public WampException(String error, String message) {
        this(error, List.of(Objects.requireNonNull(message, "message")), Map.of(), Map.of());
    }

    /** An error with a URI and payload. */
    public WampException(String error, List<Object> args, Map<String, Object> kwargs) {
        this(error, args, kwargs, Map.of());
    }

    /** An error with a URI, payload and the details dictionary of the ERROR or ABORT. */
    public WampException(String error, List<Object> args, Map<String, Object> kwargs, Map<String, Object> details) {
        super(describe(error, args, details));
        this.error = Objects.requireNonNull(error, "error");
        this.args = Message.frozen(args);
        this.kwargs = Message.frozen(kwargs);
        this.details = Message.frozen(details);
    }

    /** The error URI, e.g. {@code wamp.error.no_such_procedure}. */
    public String error() {
        return error;
    }

    /** The positional payload; never null. */
    public List<Object> args() {
        return args;
    }

    /** The keyword payload; never null. */
    public Map<String, Object> kwargs() {
        return kwargs;
    }

    /** The details of the ERROR or ABORT message; never null. */
    public Map<String, Object> details() {
        return details;
    }

    private static String describe(String error, List<Object> args, Map<String, Object> details) {
        Object text = details == null ? null : details.get("message");
        if (text == null && args != null && !args.isEmpty() && args.get(0) instanceof String s) {
            text = s;
        }
        return text == null ? error : error + ": " + text;
    }
}
