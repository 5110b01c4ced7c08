package io.natter.router.config;

import io.natter.wamp.uri.MatchPolicy;
import java.util.Objects;

/**
 * One static permission of a role. The loader normalises Crossbar's legacy forms: {@code "uri": "*"}
 * becomes uri {@code ""} with {@link MatchPolicy#PREFIX} (every URI), and {@code "uri": "a.b.*"}
 * becomes {@code "a.b."} with {@link MatchPolicy#PREFIX}.
 *
 * @param uri the URI or pattern
 * @param match how {@code uri} matches ({@code exact} unless the file says otherwise)
 * @param allow the actions granted; an action the file does not name is denied
 * @param disclose whether caller and publisher are disclosed for actions under this permission
 * @param cache whether the router may cache the decision (Crossbar's {@code cache}; a hint)
 */
public record PermissionConfig(String uri, MatchPolicy match, AllowConfig allow, DiscloseConfig disclose, boolean cache) {

    public PermissionConfig {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(allow, "allow");
        Objects.requireNonNull(disclose, "disclose");
    }
}
