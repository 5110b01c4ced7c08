package io.natter.router.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natter.wamp.uri.MatchPolicy;
import io.natter.wamp.uri.UriRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Reads a Crossbar.io-compatible {@code config.json} into a {@link NodeConfig}: the one worker of
 * {@code "type": "router"} with its realms, roles, permissions and transports. Keys Crossbar knows
 * but the router does not use (guest workers, static web paths, some WebSocket options) are
 * ignored with an INFO line; any other key is an error. Every error is a {@link ConfigException}
 * naming the JSON path, e.g. {@code workers[0].realms[1].roles[0].permisions: unknown key}.
 *
 * <p>{@code ${NAME}} in any string value is replaced by the environment variable {@code NAME}; a
 * variable that is not set is an error naming the path and the variable (never a value).
 */
public final class ConfigLoader {

    private static final Logger LOG = Logger.getLogger(ConfigLoader.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final Set<String> DOCUMENT_KEYS = Set.of("$schema", "version", "controller", "workers");
    private static final Set<String> ROUTER_KEYS = Set.of("type", "id", "options", "realms", "transports");
    private static final Set<String> REALM_KEYS = Set.of("name", "roles");
    private static final Set<String> ROLE_KEYS = Set.of("name", "permissions", "authorizer", "disclose");
    private static final Set<String> PERMISSION_KEYS = Set.of("uri", "match", "allow", "disclose", "cache");
    private static final Set<String> ALLOW_KEYS = Set.of("call", "register", "publish", "subscribe");
    private static final Set<String> DISCLOSE_KEYS = Set.of("caller", "publisher");

    private final Consumer<String> notes;

    private ConfigLoader(Consumer<String> notes) {
        this.notes = notes;
    }

    /** Loads the file at {@code file}, reading {@code ${NAME}} from the process environment. */
    public static NodeConfig load(Path file) {
        return load(file, System::getenv);
    }

    /** Loads the file at {@code file}, reading {@code ${NAME}} from {@code env}; notes go to the log. */
    public static NodeConfig load(Path file, Function<String, String> env) {
        return load(file, env, LOG::info);
    }

    /**
     * Loads the file at {@code file}, reading {@code ${NAME}} from {@code env}.
     *
     * @param notes receives one line per part of the file that is ignored (guest workers, static paths, ...)
     */
    public static NodeConfig load(Path file, Function<String, String> env, Consumer<String> notes) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        return parse(text, env, notes);
    }

    /** Parses {@code json}, reading {@code ${NAME}} from {@code env}; notes go to the log. */
    public static NodeConfig parse(String json, Function<String, String> env) {
        return parse(json, env, LOG::info);
    }

    /** Parses {@code json}, reading {@code ${NAME}} from {@code env}, notes to {@code notes}. */
    public static NodeConfig parse(String json, Function<String, String> env, Consumer<String> notes) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // The parser's own message quotes the offending text, which may be a secret: give the place only.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String what = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field") ? "duplicate key" : "not valid JSON";
            throw new ConfigException("", what + where);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ConfigException("", "the file is empty");
        }
        return new ConfigLoader(notes).document(new ConfigNode(tree, "", env));
    }

    private NodeConfig document(ConfigNode root) {
        root.object(DOCUMENT_KEYS);
        if (root.has("version")) {
            int version = root.get("version").integer(1, 2);
            if (version != 2) {
                throw root.get("version").error("must be 2 (the router reads Crossbar's version 2 format)");
            }
        }
        if (root.has("controller")) {
            notes.accept("config: controller: ignored (the router has no controller)");
        }
        List<ConfigNode> workers = root.required("workers").elements();
        ConfigNode router = null;
        for (ConfigNode worker : workers) {
            worker.entries();
            String type = worker.required("type").text();
            if (!type.equals("router")) {
                notes.accept(String.format("config: %s: worker of type %s ignored (Natter's workers run as their own services)", worker.path(), type));
                continue;
            }
            if (router != null) {
                throw worker.error("a second worker of type router (exactly one is supported)");
            }
            router = worker;
        }
        if (router == null) {
            throw root.get("workers").error("no worker of type router");
        }
        return router(router);
    }

    private NodeConfig router(ConfigNode worker) {
        worker.object(ROUTER_KEYS);
        if (worker.has("options")) {
            notes.accept(String.format("config: %s.options: ignored", worker.path()));
        }
        List<RealmConfig> realms = new ArrayList<>();
        for (ConfigNode realm : worker.required("realms").elements()) {
            realms.add(realm(realm));
        }
        List<TransportConfig> transports = new ArrayList<>();
        for (ConfigNode transport : worker.required("transports").elements()) {
            transports.add(new TransportParser(notes).transport(transport));
        }
        NodeConfig node = new NodeConfig(realms, transports);
        NodeChecks.check(node, worker.path());
        return node;
    }

    private RealmConfig realm(ConfigNode realm) {
        realm.object(REALM_KEYS);
        ConfigNode nameNode = realm.required("name");
        String name = nameNode.text();
        if (!UriRules.isValid(name, false, false)) {
            throw nameNode.error("not a valid realm name (a URI such as com.example.app)");
        }
        Map<String, RoleConfig> roles = new LinkedHashMap<>();
        if (realm.has("roles")) {
            for (ConfigNode role : realm.get("roles").elements()) {
                RoleConfig parsed = role(role);
                if (roles.putIfAbsent(parsed.name(), parsed) != null) {
                    throw role.get("name").error("duplicate role '" + parsed.name() + "' in realm '" + name + "'");
                }
            }
        }
        return new RealmConfig(name, roles);
    }

    private RoleConfig role(ConfigNode role) {
        role.object(ROLE_KEYS);
        String name = role.required("name").text();
        if (name.isEmpty()) {
            throw role.get("name").error("must not be empty");
        }
        DiscloseConfig disclose = role.has("disclose") ? disclose(role.get("disclose")) : DiscloseConfig.NONE;
        if (role.has("authorizer")) {
            if (role.has("permissions")) {
                throw role.get("authorizer").error("a role has either permissions or an authorizer, not both");
            }
            return new RoleConfig(name, List.of(), uri(role.get("authorizer"), "authorizer"), disclose);
        }
        List<PermissionConfig> permissions = new ArrayList<>();
        if (role.has("permissions")) {
            for (ConfigNode permission : role.get("permissions").elements()) {
                permissions.add(permission(permission));
            }
        }
        return new RoleConfig(name, permissions, null, disclose);
    }

    private PermissionConfig permission(ConfigNode permission) {
        permission.object(PERMISSION_KEYS);
        ConfigNode uriNode = permission.required("uri");
        String uri = uriNode.text();
        MatchPolicy match;
        if (permission.has("match")) {
            String wire = permission.get("match").text();
            match = MatchPolicy.fromWire(wire).orElseThrow(() ->
                    permission.get("match").error("must be exact, prefix or wildcard (found '" + wire + "')"));
        } else if (uri.endsWith("*")) {
            // Crossbar's legacy forms: "*" is every URI, "a.b.*" every URI under "a.b.".
            uri = uri.substring(0, uri.length() - 1);
            match = MatchPolicy.PREFIX;
        } else {
            match = MatchPolicy.EXACT;
        }
        if (!(match == MatchPolicy.PREFIX && uri.isEmpty()) && !UriRules.isValidPattern(uri, match, false)) {
            throw uriNode.error("not a valid URI pattern for match " + match.wireName());
        }
        AllowConfig allow = AllowConfig.NONE;
        if (permission.has("allow")) {
            ConfigNode node = permission.get("allow").object(ALLOW_KEYS);
            allow = new AllowConfig(node.bool("call", false), node.bool("register", false), node.bool("publish", false),
                    node.bool("subscribe", false));
        }
        DiscloseConfig disclose = permission.has("disclose") ? disclose(permission.get("disclose")) : DiscloseConfig.NONE;
        return new PermissionConfig(uri, match, allow, disclose, permission.bool("cache", false));
    }

    private static DiscloseConfig disclose(ConfigNode node) {
        node.object(DISCLOSE_KEYS);
        return new DiscloseConfig(node.bool("caller", false), node.bool("publisher", false));
    }

    /** A procedure URI (authorizer, authenticator). */
    static String uri(ConfigNode node, String what) {
        String uri = node.text();
        if (!UriRules.isValid(uri, false, false)) {
            throw node.error("not a valid " + what + " procedure URI");
        }
        return uri;
    }
}
