package io.natter.router.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks across the parts of a loaded config: realm names unique, every role an {@code auth} block
 * hands out defined by a realm, one transport per port, and what the router can serve (one web
 * transport, its WebSocket path {@code ws}).
 */
final class NodeChecks {

    /** The path the web transport serves ({@code WebTransport}'s route on Quarkus's HTTP server); fixed in code. */
    static final String WEB_PATH = "ws";

    private NodeChecks() {
    }

    static void check(NodeConfig node, String workerPath) {
        realms(node.realms(), workerPath);
        Set<String> roles = new HashSet<>();
        node.realms().forEach(realm -> roles.addAll(realm.roles().keySet()));
        Map<Integer, String> ports = new HashMap<>();
        String web = null;
        for (TransportConfig transport : node.transports()) {
            if (transport.kind() == TransportKind.WEB) {
                if (web != null) {
                    throw new ConfigException(transport.id(), "a second web transport (the router serves one, " + web + ")");
                }
                web = transport.id();
                if (!transport.path().equals(WEB_PATH)) {
                    throw new ConfigException(transport.id() + ".paths." + transport.path(),
                            "the WebSocket path must be '" + WEB_PATH + "' (the router serves WAMP at /" + WEB_PATH + ")");
                }
            }
            int port = transport.endpoint().port();
            String previous = port == 0 ? null : ports.putIfAbsent(port, transport.id());
            if (previous != null) {
                throw new ConfigException(transport.id() + ".endpoint.port", "port " + port + " is already used by " + previous);
            }
            authRoles(transport, roles);
        }
    }

    private static void realms(List<RealmConfig> realms, String workerPath) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < realms.size(); i++) {
            String name = realms.get(i).name();
            if (!names.add(name)) {
                throw new ConfigException(workerPath + ".realms[" + i + "].name", "duplicate realm '" + name + "'");
            }
        }
    }

    private static void authRoles(TransportConfig transport, Set<String> roles) {
        String auth = transport.kind() == TransportKind.WEB
                ? transport.id() + ".paths." + transport.path() + ".auth"
                : transport.id() + ".auth";
        AuthConfig config = transport.auth();
        if (config == AuthConfig.DEFAULT) {
            if (!roles.contains(config.anonymous().role())) {
                throw new ConfigException(transport.id(), "unknown role '" + config.anonymous().role()
                        + "' (without auth the transport admits anonymous clients under this role, and no realm defines it)");
            }
        } else if (config.anonymous() != null) {
            requireRole(roles, config.anonymous().role(), auth + ".anonymous.role");
        }
        if (config.ticket() != null) {
            config.ticket().principals().forEach((authid, principal) ->
                    requireRole(roles, principal.role(), auth + ".ticket.principals." + authid + ".role"));
        }
        if (config.wampcra() != null) {
            config.wampcra().users().forEach((authid, user) ->
                    requireRole(roles, user.role(), auth + ".wampcra.users." + authid + ".role"));
        }
    }

    private static void requireRole(Set<String> roles, String role, String path) {
        if (!roles.contains(role)) {
            throw new ConfigException(path, "unknown role '" + role + "' (no realm defines it)");
        }
    }
}
