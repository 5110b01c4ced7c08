package io.natter.router.util;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of message option and detail dicts. A value of the wrong type is a
 * {@link ProtocolViolation}: the message is malformed, as Autobahn and Crossbar treat it.
 */
public final class Options {

    private Options() {
    }

    /** The boolean at {@code key}, or {@code fallback} when absent. */
    public static boolean flag(Map<String, Object> options, String key, boolean fallback, String where) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new ProtocolViolation(where + "." + key + " must be a boolean");
    }

    /** The string at {@code key}, or {@code fallback} when absent. */
    public static String string(Map<String, Object> options, String key, String fallback, String where) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String s) {
            return s;
        }
        throw new ProtocolViolation(where + "." + key + " must be a string");
    }

    /** The non-negative integer at {@code key}, or {@code fallback} when absent. */
    public static long nonNegative(Map<String, Object> options, String key, long fallback, String where) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        Long number = integral(value);
        if (number == null || number < 0) {
            throw new ProtocolViolation(where + "." + key + " must be a non-negative integer");
        }
        return number;
    }

    /** The list of integers at {@code key} (a single integer counts as a list of one), or null when absent. */
    public static List<Long> integers(Map<String, Object> options, String key, String where) {
        Object value = options.get(key);
        if (value == null) {
            return null;
        }
        Collection<?> items = value instanceof Collection<?> c ? c : List.of(value);
        List<Long> result = new ArrayList<>(items.size());
        for (Object item : items) {
            Long number = integral(item);
            if (number == null) {
                throw new ProtocolViolation(where + "." + key + " must be a list of integers");
            }
            result.add(number);
        }
        return result;
    }

    /** The list of strings at {@code key} (a single string counts as a list of one), or null when absent. */
    public static List<String> strings(Map<String, Object> options, String key, String where) {
        Object value = options.get(key);
        if (value == null) {
            return null;
        }
        Collection<?> items = value instanceof Collection<?> c ? c : List.of(value);
        List<String> result = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof String s)) {
                throw new ProtocolViolation(where + "." + key + " must be a list of strings");
            }
            result.add(s);
        }
        return result;
    }

    /** {@code value} as a long if it is an integer that fits, else null. */
    public static Long integral(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        return null;
    }
}
