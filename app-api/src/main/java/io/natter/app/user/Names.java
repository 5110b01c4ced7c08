package io.natter.app.user;

import java.util.regex.Pattern;

/** The rule for user names: 1–32 of {@code [a-z0-9_-]}. */
public final class Names {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");

    private Names() {
    }

    /** Whether {@code name} is a valid user name. */
    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
