package io.natter.router.dealer;

import io.natter.router.util.Options;
import java.util.Map;

/**
 * The validated options of a CALL: call timeout in milliseconds (0: none), progressive results
 * wanted ({@code receive_progress}) and caller identification ({@code disclose_me}).
 */
public record CallOptions(long timeoutMillis, boolean receiveProgress, boolean discloseMe) {

    /** No timeout, no progressive results, identity not disclosed. */
    public static final CallOptions DEFAULT = new CallOptions(0, false, false);

    /** Reads CALL.Options; wrong types are a protocol violation. */
    public static CallOptions parse(Map<String, Object> options) {
        if (options.isEmpty()) {
            return DEFAULT;
        }
        String where = "CALL.Options";
        return new CallOptions(
                Options.nonNegative(options, "timeout", 0, where),
                Options.flag(options, "receive_progress", false, where),
                Options.flag(options, "disclose_me", false, where));
    }
}
