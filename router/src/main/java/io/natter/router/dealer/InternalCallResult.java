package io.natter.router.dealer;

import java.util.List;
import java.util.Map;

/** The RESULT of a call the router made itself ({@link Dealer#callInternal}). */
public record InternalCallResult(List<Object> args, Map<String, Object> kwargs) {

    public InternalCallResult {
        args = args == null ? List.of() : args;
        kwargs = kwargs == null ? Map.of() : kwargs;
    }

    /** The first positional result, or null. */
    public Object arg0() {
        return args.isEmpty() ? null : args.get(0);
    }
}
