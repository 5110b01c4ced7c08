package io.natter.router.transport;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which {@code Origin} header values may open a WebSocket ({@code allowed_origins} with Crossbar's
 * {@code *} wildcard, e.g. {@code http://localhost:*} or {@code https://*.example.com}). Each entry
 * must match the whole origin; comparison ignores case (scheme and host are case-insensitive).
 */
final class OriginPolicy {

    private final List<Pattern> allowed;
    private final boolean allowMissing;

    /**
     * @param allowedOrigins the allow-list, or null to accept any origin
     * @param allowMissing whether a request without {@code Origin} is accepted
     */
    OriginPolicy(List<String> allowedOrigins, boolean allowMissing) {
        this.allowed = allowedOrigins == null ? null : allowedOrigins.stream().map(OriginPolicy::compile).toList();
        this.allowMissing = allowMissing;
    }

    /** Whether a request whose {@code Origin} is {@code origin} (null when absent) may upgrade. */
    boolean permits(String origin) {
        if (origin == null) {
            return allowMissing;
        }
        if (allowed == null) {
            return true;
        }
        for (Pattern pattern : allowed) {
            if (pattern.matcher(origin).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern compile(String entry) {
        String[] literals = entry.toLowerCase(Locale.ROOT).split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literals.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literals[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
