package io.natter.testsupport;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random names and secrets for one run, so that runs side by side never share a name. */
public final class Randoms {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Randoms() {
    }

    /** {@code bytes} random bytes as lower-case hex ({@code 2 * bytes} characters). */
    public static String hex(int bytes) {
        return HexFormat.of().formatHex(bytes(bytes));
    }

    /** 32 random bytes, URL-safe Base64 without padding: a secret or credential. */
    public static String token() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
