package io.natter.wamp.client;

import io.natter.wamp.message.Message;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a call: what a callee handler returns and what a caller receives (final or
 * progressive).
 *
 * @param args    positional payload, never null
 * @param kwargs  keyword payload, never null
 * @param details the RESULT details (or YIELD options) dictionary, never null
 */
public record CallResult(List<Object> args, Map<String, Object> kwargs, Map<String, Object> details) {

    private static final CallResult EMPTY = new CallResult(List.of(), Map.of(), Map.of());

    public CallResult {
        args = Message.frozen(args);
        kwargs = Message.frozen(kwargs);
        details = Message.frozen(details);
    }

    /** A result with no payload. */
    public static CallResult empty() {
        return EMPTY;
    }

    /** A result with positional arguments only; use {@link #of(List, Map)} for a null element. */
    public static CallResult of(Object... args) {
        return new CallResult(Arrays.asList(args), Map.of(), Map.of());
    }

    /** A result with positional and keyword arguments. */
    public static CallResult of(List<Object> args, Map<String, Object> kwargs) {
        return new CallResult(args, kwargs, Map.of());
    }

    /** The first positional argument, or null when there is none. */
    public Object arg0() {
        return args.isEmpty() ? null : args.get(0);
    }

    /** Whether this is a progressive (non-final) result. */
    public boolean isProgress() {
        return Boolean.TRUE.equals(details.get("progress"));
    }
}
