package io.natter.app.thread;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Makes thread permalinks ({@code [a-z0-9-]}, at most 48 characters before a uniqueness suffix) from titles. */
public final class Permalinks {

    /** A valid permalink: lower-case letters and digits in runs joined by single dashes. */
    public static final Pattern PERMALINK = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX = 48;

    private Permalinks() {
    }

    /** The base permalink of a title: accents dropped, every other run of non-alphanumerics one dash. */
    public static String slug(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX) {
            slug = slug.substring(0, MAX).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "thread" : slug;
    }

    /** Whether {@code s} is a valid permalink (at most 64 characters). */
    public static boolean valid(String s) {
        return s != null && s.length() <= 64 && PERMALINK.matcher(s).matches();
    }
}
