package io.natter.router.auth;

import java.util.Map;

/** Reads the optional fields dynamic authenticators of every method may answer: {@code authid}, {@code extra}. */
final class DynamicAnswers {

    private DynamicAnswers() {
    }

    /** The authid the answer assigns, or {@code requested}. */
    static String authid(Map<?, ?> answer, String requested, String procedure) {
        Object authid = answer.get("authid");
        if (authid == null) {
            return requested;
        }
        if (!(authid instanceof String assigned) || assigned.isEmpty()) {
            throw new AuthRejections.InvalidAnswer(procedure, "an authid that is not a non-empty string");
        }
        return assigned;
    }

    /** The {@code extra} the answer gives (WELCOME's {@code authextra}), or an empty map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> extra(Map<?, ?> answer, String procedure) {
        Object extra = answer.get("extra");
        if (extra == null) {
            return Map.of();
        }
        if (!(extra instanceof Map<?, ?> map)) {
            throw new AuthRejections.InvalidAnswer(procedure, "an extra that is not a dict");
        }
        return (Map<String, Object>) map;
    }
}
