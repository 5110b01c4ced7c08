package io.natter.router.util;

import java.util.concurrent.ThreadLocalRandom;

/**
 * WAMP identifiers: integers in [1, 2^53] so that JavaScript peers read them exactly. Global and
 * router scope ids (sessions, publications, subscriptions, registrations) are drawn at random, as
 * the spec asks; session-scope ids (requests) count up.
 */
public final class Ids {

    /** The largest identifier, 2^53. */
    public static final long MAX = 1L << 53;

    private Ids() {
    }

    /** A random identifier in [1, 2^53]. */
    public static long random() {
        return ThreadLocalRandom.current().nextLong(1, MAX + 1);
    }

    /** The identifier after {@code id} in a sequence: {@code id + 1}, wrapping from 2^53 to 1. */
    public static long next(long id) {
        return id >= MAX ? 1 : id + 1;
    }

    /** Whether {@code id} is a valid identifier. */
    public static boolean isValid(long id) {
        return id >= 1 && id <= MAX;
    }
}
