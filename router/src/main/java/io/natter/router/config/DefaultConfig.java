package io.natter.router.config;

import io.natter.wamp.uri.MatchPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded configuration the router runs without {@code NATTER_ROUTER_CONFIG}: realm
 * {@code realm1}, anonymous access under role {@code anonymous}, which may publish, subscribe, call
 * and register anything but the meta procedures of {@link #TRUSTED_ONLY}, on one web transport
 * (port 8080, path {@code ws}) bound to 127.0.0.1 unless {@code QUARKUS_HTTP_HOST} says otherwise
 * (see {@link NodeConfigSourceFactory}).
 */
public final class DefaultConfig {

    /** The default realm's name. */
    public static final String REALM = "realm1";
    /** The role of anonymous sessions. */
    public static final String ROLE = "anonymous";
    /** The web transport's path key. */
    public static final String PATH = "ws";
    /** The web transport's port when nothing overrides it. */
    public static final int PORT = 8080;
    /** The web transport's interface when nothing overrides it: loopback only. */
    public static final String HOST = "127.0.0.1";

    private DefaultConfig() {
    }

    /**
     * The meta procedures (and the meta event) the anonymous role of the default may not reach:
     * ending other sessions, listing them with their peer addresses, removing subscribers and
     * callees, revoking. With a config file, grant them to a role you trust.
     */
    static final List<PermissionConfig> TRUSTED_ONLY = List.of(
            denied("wamp.session.kill", MatchPolicy.PREFIX),
            denied("wamp.session.list", MatchPolicy.EXACT),
            denied("wamp.session.get", MatchPolicy.EXACT),
            denied("wamp.session.on_join", MatchPolicy.EXACT),
            denied("wamp.subscription.remove_subscriber", MatchPolicy.EXACT),
            denied("wamp.registration.remove_callee", MatchPolicy.EXACT),
            denied("natter.router.revoke", MatchPolicy.EXACT));

    /** The embedded default. */
    public static NodeConfig node() {
        List<PermissionConfig> permissions = new ArrayList<>();
        permissions.add(new PermissionConfig("", MatchPolicy.PREFIX, AllowConfig.ALL, DiscloseConfig.NONE, true));
        permissions.addAll(TRUSTED_ONLY);
        RoleConfig role = new RoleConfig(ROLE, List.copyOf(permissions), null, DiscloseConfig.NONE);
        RealmConfig realm = new RealmConfig(REALM, Map.of(ROLE, role));
        TransportConfig web = new TransportConfig(
                "default", TransportKind.WEB, new EndpointConfig(null, PORT), PATH, AuthConfig.DEFAULT, TransportOptions.DEFAULTS);
        return new NodeConfig(List.of(realm), List.of(web));
    }

    private static PermissionConfig denied(String uri, MatchPolicy match) {
        return new PermissionConfig(uri, match, AllowConfig.NONE, DiscloseConfig.NONE, true);
    }
}
