package io.natter.wamp.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to make one call: an immutable value, built by chaining from {@link #defaults()}.
 *
 * <pre>{@code
 * CallOptions.defaults().timeout(Duration.ofSeconds(5)).onProgress(p -> show(p.args()))
 * }</pre>
 */
public final class CallOptions {

    private static final CallOptions DEFAULTS = new CallOptions(null, null, Map.of());

    private final Duration timeout;
    private final Consumer<CallResult> onProgress;
    private final Map<String, Object> extra;

    private CallOptions(Duration timeout, Consumer<CallResult> onProgress, Map<String, Object> extra) {
        this.timeout = timeout;
        this.onProgress = onProgress;
        this.extra = extra;
    }

    /** No timeout, no progress, no extra options. */
    public static CallOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Gives up after {@code timeout}: sent as the {@code timeout} option (milliseconds) so the
     * dealer cancels the invocation, and enforced locally, so the call fails with
     * {@code wamp.error.timeout} (and a CANCEL killnowait goes out) even if the dealer does not.
     */
    public CallOptions timeout(Duration value) {
        Objects.requireNonNull(value, "timeout");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + value);
        }
        return new CallOptions(value, onProgress, extra);
    }

    /** Asks for progressive results ({@code receive_progress}) and hands each to {@code handler}, on the client's context. */
    public CallOptions onProgress(Consumer<CallResult> handler) {
        return new CallOptions(timeout, Objects.requireNonNull(handler, "handler"), extra);
    }

    /** Adds a CALL option, e.g. {@code disclose_me}; {@code timeout} and {@code receive_progress} are set by their own methods. */
    public CallOptions option(String key, Object value) {
        Objects.requireNonNull(key, "key");
        if (key.equals("timeout") || key.equals("receive_progress")) {
            throw new IllegalArgumentException(key + " is set with its own method");
        }
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put(key, value);
        return new CallOptions(timeout, onProgress, Map.copyOf(more));
    }

    /** The local and dealer timeout, or null for none. */
    public Duration timeout() {
        return timeout;
    }

    /** The progress handler, or null. */
    public Consumer<CallResult> progressHandler() {
        return onProgress;
    }

    /** The options dictionary of the CALL message. */
    Map<String, Object> wireOptions() {
        Map<String, Object> options = new LinkedHashMap<>(extra);
        if (timeout != null) {
            options.put("timeout", timeout.toMillis());
        }
        if (onProgress != null) {
            options.put("receive_progress", true);
        }
        return options;
    }
}
