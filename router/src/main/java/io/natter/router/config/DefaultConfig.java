package io.natter.router.config;

import io.natter.wamp.uri.MatchPolicy;
import java.util.List;
import java.util.Map;

/**
 * The embedded configuration the router runs without {@code NATTER_ROUTER_CONFIG}: realm
 * {@code realm1}, anonymous access under role {@code anonymous} with every permission, on one web
 * transport (port 8080, path {@code ws}).
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

    private DefaultConfig() {
    }

    /** The embedded default. */
    public static NodeConfig node() {
        PermissionConfig everything = new PermissionConfig("", MatchPolicy.PREFIX, AllowConfig.ALL, DiscloseConfig.NONE, true);
        RoleConfig role = new RoleConfig(ROLE, List.of(everything), null, DiscloseConfig.NONE);
        RealmConfig realm = new RealmConfig(REALM, Map.of(ROLE, role));
        TransportConfig web = new TransportConfig(
                "default", TransportKind.WEB, new EndpointConfig(null, PORT), PATH, AuthConfig.DEFAULT, TransportOptions.DEFAULTS);
        return new NodeConfig(List.of(realm), List.of(web));
    }
}
