package io.natter.router.meta;

import io.natter.router.dealer.ProcedureException;
import io.natter.router.util.Options;
import io.natter.wamp.WampErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the positional and keyword arguments of meta procedure calls; bad ones answer {@code wamp.error.invalid_argument}. */
final class MetaArgs {

    private MetaArgs() {
    }

    static long id(List<Object> args, int index, String name) throws ProcedureException {
        Object value = index < args.size() ? args.get(index) : null;
        Long id = Options.integral(value);
        if (id == null) {
            throw new ProcedureException(WampErrors.INVALID_ARGUMENT, "argument " + index + " (" + name + ") must be an integer ID");
        }
        return id;
    }

    static String string(List<Object> args, int index, String name) throws ProcedureException {
        Object value = index < args.size() ? args.get(index) : null;
        if (!(value instanceof String s)) {
            throw new ProcedureException(WampErrors.INVALID_ARGUMENT, "argument " + index + " (" + name + ") must be a string");
        }
        return s;
    }

    /** An optional string, positional or by keyword. */
    static String optionalString(List<Object> args, int index, Map<String, Object> kwargs, String name) throws ProcedureException {
        Object value = kwargs.containsKey(name) ? kwargs.get(name) : index < args.size() ? args.get(index) : null;
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new ProcedureException(WampErrors.INVALID_ARGUMENT, name + " must be a string");
    }

    /** An optional list of strings, positional or by keyword (e.g. {@code filter_authroles}). */
    static List<String> optionalStrings(List<Object> args, int index, Map<String, Object> kwargs, String name) throws ProcedureException {
        Object value = kwargs.containsKey(name) ? kwargs.get(name) : index < args.size() ? args.get(index) : null;
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            List<String> strings = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    throw new ProcedureException(WampErrors.INVALID_ARGUMENT, name + " must be a list of strings");
                }
                strings.add(s);
            }
            return strings;
        }
        throw new ProcedureException(WampErrors.INVALID_ARGUMENT, name + " must be a list of strings");
    }

    /** An optional ID, positional or by keyword; null when absent. */
    static Long optionalId(List<Object> args, int index, Map<String, Object> kwargs, String name) throws ProcedureException {
        Object value = kwargs.containsKey(name) ? kwargs.get(name) : index < args.size() ? args.get(index) : null;
        if (value == null) {
            return null;
        }
        Long id = Options.integral(value);
        if (id == null) {
            throw new ProcedureException(WampErrors.INVALID_ARGUMENT, name + " must be an integer ID");
        }
        return id;
    }

    /** An optional dict, positional or by keyword; empty when absent. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> optionalDict(List<Object> args, int index, Map<String, Object> kwargs, String name) throws ProcedureException {
        Object value = kwargs.containsKey(name) ? kwargs.get(name) : index < args.size() ? args.get(index) : null;
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new ProcedureException(WampErrors.INVALID_ARGUMENT, name + " must be a dict");
    }
}
