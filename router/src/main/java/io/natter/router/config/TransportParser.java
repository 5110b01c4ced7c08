package io.natter.router.config;

import io.natter.wamp.auth.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads one entry of a router worker's {@code transports}: {@code "type": "web"} (its
 * {@code paths} entry of {@code "type": "websocket"} carries {@code auth} and {@code options}) or
 * {@code "type": "websocket"}.
 */
final class TransportParser {

    private static final Set<String> WEB_KEYS = Set.of("type", "id", "endpoint", "paths", "options");
    private static final Set<String> WEBSOCKET_KEYS = Set.of("type", "id", "endpoint", "auth", "options", "serializers", "url", "debug");
    private static final Set<String> WS_PATH_KEYS = Set.of("type", "auth", "options", "serializers", "url", "debug");
    private static final Set<String> ENDPOINT_KEYS = Set.of("type", "port", "interface", "version", "backlog", "shared", "tls");
    private static final Set<String> AUTH_KEYS = Set.of("anonymous", "ticket", "wampcra", "cryptosign", "scram", "cookie", "tls");
    private static final Set<String> UNSUPPORTED_AUTH = Set.of("cryptosign", "scram", "cookie", "tls");
    private static final Set<String> SERIALIZERS = Set.of("json", "msgpack");

    /** Crossbar WebSocket options the router reads. */
    private static final Set<String> OPTIONS = Set.of("allowed_origins", "allow_missing_origin", "max_message_size",
            "auto_ping_interval", "auto_ping_timeout", "open_handshake_timeout");
    /** Crossbar WebSocket options the router accepts and ignores (its behaviour is fixed). */
    private static final Set<String> IGNORED_OPTIONS = Set.of("external_port", "enable_hybi10", "enable_rfc6455", "enable_webstatus",
            "validate_utf8", "mask_server_frames", "require_masked_client_frames", "apply_mask", "max_frame_size", "auto_fragment_size",
            "fail_by_drop", "echo_close_codereason", "close_handshake_timeout", "tcp_nodelay", "auto_ping_size",
            "auto_ping_restart_on_any_traffic", "compression", "require_websocket_subprotocol", "show_server_version", "enable_flash_policy",
            "flash_policy");

    private static final int MAX_MESSAGE_SIZE = 64 * 1024 * 1024;
    private static final int MAX_MILLIS = 24 * 3600 * 1000;

    private final Consumer<String> notes;

    /** @param notes where INFO notes about ignored parts go */
    TransportParser(Consumer<String> notes) {
        this.notes = notes;
    }

    TransportConfig transport(ConfigNode transport) {
        transport.entries();
        String type = transport.required("type").text();
        return switch (type) {
            case "web" -> web(transport.object(WEB_KEYS));
            case "websocket" -> websocket(transport.object(WEBSOCKET_KEYS));
            default -> throw transport.get("type").error("transport type '" + type + "' is not supported (supported: web, websocket)");
        };
    }

    private TransportConfig web(ConfigNode transport) {
        if (transport.has("options")) {
            transport.get("options").entries();
            notes.accept(String.format("config: %s.options: ignored (WebSocket options go under the websocket path's options)", transport.path()));
        }
        EndpointConfig endpoint = endpoint(transport.required("endpoint"));
        String wsKey = null;
        ConfigNode ws = null;
        for (Map.Entry<String, ConfigNode> path : transport.required("paths").entries().entrySet()) {
            ConfigNode entry = path.getValue();
            entry.entries();
            String type = entry.required("type").text();
            if (!type.equals("websocket")) {
                notes.accept(String.format("config: %s: path of type %s ignored (the router serves WAMP only)", entry.path(), type));
                continue;
            }
            if (ws != null) {
                throw entry.error("a second WebSocket path (the web transport serves one, at /ws)");
            }
            wsKey = path.getKey();
            ws = entry.object(WS_PATH_KEYS);
        }
        if (ws == null) {
            throw transport.get("paths").error("no path of type websocket");
        }
        serializers(ws);
        return new TransportConfig(transport.path(), TransportKind.WEB, endpoint, wsKey, auth(ws), options(ws, TransportKind.WEB));
    }

    private TransportConfig websocket(ConfigNode transport) {
        serializers(transport);
        EndpointConfig endpoint = endpoint(transport.required("endpoint"));
        return new TransportConfig(transport.path(), TransportKind.WEBSOCKET, endpoint, null, auth(transport),
                options(transport, TransportKind.WEBSOCKET));
    }

    private static EndpointConfig endpoint(ConfigNode endpoint) {
        endpoint.object(ENDPOINT_KEYS);
        String type = endpoint.required("type").text();
        if (!type.equals("tcp")) {
            throw endpoint.get("type").error("endpoint type '" + type + "' is not supported (supported: tcp)");
        }
        if (endpoint.has("tls")) {
            throw endpoint.get("tls").error("TLS is not supported: terminate TLS in front of the router");
        }
        if (endpoint.has("version")) {
            endpoint.get("version").integer(4, 6);
        }
        int port = endpoint.required("port").integer(0, 65535);
        String iface = endpoint.text("interface", null);
        if (iface != null && iface.isBlank()) {
            throw endpoint.get("interface").error("must not be empty");
        }
        return new EndpointConfig(iface, port);
    }

    private static void serializers(ConfigNode holder) {
        if (!holder.has("serializers")) {
            return;
        }
        for (ConfigNode serializer : holder.get("serializers").elements()) {
            String name = serializer.text();
            if (!SERIALIZERS.contains(name)) {
                throw serializer.error("serializer '" + name + "' is not supported (supported: json, msgpack)");
            }
        }
    }

    private TransportOptions options(ConfigNode holder, TransportKind kind) {
        if (!holder.has("options")) {
            return TransportOptions.DEFAULTS;
        }
        ConfigNode options = holder.get("options");
        for (String key : options.entries().keySet()) {
            if (IGNORED_OPTIONS.contains(key)) {
                notes.accept(String.format("config: %s.%s: ignored (not adjustable in Natter)", options.path(), key));
            } else if (!OPTIONS.contains(key)) {
                throw options.get(key).error("unknown key");
            }
        }
        List<String> origins = null;
        if (options.has("allowed_origins")) {
            if (kind == TransportKind.WEBSOCKET) {
                throw options.get("allowed_origins").error("not used on a websocket transport: it refuses every request that carries an Origin");
            }
            origins = new ArrayList<>();
            for (ConfigNode origin : options.get("allowed_origins").elements()) {
                String value = origin.text();
                if (value.isBlank()) {
                    throw origin.error("must not be empty");
                }
                origins.add(value);
            }
        }
        if (options.has("allow_missing_origin") && kind == TransportKind.WEBSOCKET) {
            throw options.get("allow_missing_origin").error("not used on a websocket transport: requests without Origin are its clients");
        }
        boolean allowMissing = options.bool("allow_missing_origin", origins == null);
        Integer maxMessageSize = options.has("max_message_size") ? options.get("max_message_size").integer(1, MAX_MESSAGE_SIZE) : null;
        return new TransportOptions(origins, allowMissing, maxMessageSize, millis(options, "auto_ping_interval"),
                millis(options, "auto_ping_timeout"), millis(options, "open_handshake_timeout"));
    }

    private static Duration millis(ConfigNode options, String key) {
        return options.has(key) ? Duration.ofMillis(options.get(key).integer(0, MAX_MILLIS)) : null;
    }

    private static AuthConfig auth(ConfigNode holder) {
        if (!holder.has("auth")) {
            return AuthConfig.DEFAULT;
        }
        ConfigNode auth = holder.get("auth").object(AUTH_KEYS);
        Map<String, ConfigNode> methods = auth.entries();
        if (methods.isEmpty()) {
            throw auth.error("no authentication method (remove auth for anonymous access)");
        }
        for (String method : methods.keySet()) {
            if (UNSUPPORTED_AUTH.contains(method)) {
                throw auth.get(method).error("authentication method " + method + " is not supported (supported: anonymous, ticket, wampcra)");
            }
        }
        AnonymousAuthConfig anonymous = auth.has("anonymous") ? anonymous(auth.get("anonymous")) : null;
        TicketAuthConfig ticket = auth.has("ticket") ? ticket(auth.get("ticket")) : null;
        WampCraAuthConfig wampcra = auth.has("wampcra") ? wampcra(auth.get("wampcra")) : null;
        return new AuthConfig(anonymous, ticket, wampcra);
    }

    private static AnonymousAuthConfig anonymous(ConfigNode node) {
        node.object(Set.of("type", "role"));
        staticOnly(node);
        String role = node.text("role", "anonymous");
        if (role.isEmpty()) {
            throw node.get("role").error("must not be empty");
        }
        return new AnonymousAuthConfig(role);
    }

    private static TicketAuthConfig ticket(ConfigNode node) {
        node.entries();
        if (isDynamic(node)) {
            node.object(Set.of("type", "authenticator", "authenticator-realm"));
            return new TicketAuthConfig(Map.of(), ConfigLoader.uri(node.required("authenticator"), "authenticator"),
                    node.text("authenticator-realm", null));
        }
        node.object(Set.of("type", "principals"));
        Map<String, TicketPrincipal> principals = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : node.required("principals").entries().entrySet()) {
            ConfigNode principal = entry.getValue().object(Set.of("ticket", "role"));
            principals.put(entry.getKey(), new TicketPrincipal(Secret.of(principal.required("ticket").text()), role(principal)));
        }
        return new TicketAuthConfig(principals, null, null);
    }

    private static WampCraAuthConfig wampcra(ConfigNode node) {
        node.entries();
        if (isDynamic(node)) {
            node.object(Set.of("type", "authenticator", "authenticator-realm"));
            return new WampCraAuthConfig(Map.of(), ConfigLoader.uri(node.required("authenticator"), "authenticator"),
                    node.text("authenticator-realm", null));
        }
        node.object(Set.of("type", "users"));
        Map<String, CraUser> users = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : node.required("users").entries().entrySet()) {
            ConfigNode user = entry.getValue().object(Set.of("secret", "role", "salt", "iterations", "keylen"));
            String salt = user.text("salt", null);
            Integer iterations = user.has("iterations") ? user.get("iterations").integer(1, 10_000_000) : null;
            Integer keylen = user.has("keylen") ? user.get("keylen").integer(1, 1024) : null;
            if (salt == null && (iterations != null || keylen != null)) {
                throw user.get(iterations != null ? "iterations" : "keylen").error("needs a salt");
            }
            users.put(entry.getKey(), new CraUser(Secret.of(user.required("secret").text()), role(user), salt, iterations, keylen));
        }
        return new WampCraAuthConfig(users, null, null);
    }

    private static boolean isDynamic(ConfigNode node) {
        String type = node.required("type").text();
        return switch (type) {
            case "static" -> false;
            case "dynamic" -> true;
            default -> throw node.get("type").error("must be static or dynamic (found '" + type + "')");
        };
    }

    private static void staticOnly(ConfigNode node) {
        String type = node.required("type").text();
        if (!type.equals("static")) {
            throw node.get("type").error("must be static (found '" + type + "')");
        }
    }

    private static String role(ConfigNode holder) {
        String role = holder.required("role").text();
        if (role.isEmpty()) {
            throw holder.get("role").error("must not be empty");
        }
        return role;
    }
}
