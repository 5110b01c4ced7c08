package io.natter.router.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natter.wamp.uri.MatchPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The workshop's configs load as written; each kind of mistake names its path. */
class ConfigLoaderTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void lesson2TicketConfigLoads() {
        NodeConfig node = load("lesson2-ticket.json");

        assertThat(node.realms()).extracting(RealmConfig::name).containsExactly("yorkshire", "lancashire");
        RealmConfig lancashire = node.realm("lancashire");
        assertThat(lancashire.roles().keySet()).containsExactly("workman", "foreman");
        PermissionConfig workman = lancashire.role("workman").permissions().get(0);
        // The legacy "uri": "*" is every URI.
        assertThat(workman.uri()).isEmpty();
        assertThat(workman.match()).isEqualTo(MatchPolicy.PREFIX);
        assertThat(workman.allow()).isEqualTo(new AllowConfig(true, false, false, true));
        assertThat(workman.disclose()).isEqualTo(DiscloseConfig.NONE);
        assertThat(workman.cache()).isFalse();
        assertThat(lancashire.role("foreman").permissions().get(0).allow()).isEqualTo(new AllowConfig(false, true, true, false));

        TransportConfig web = node.transports().get(0);
        assertThat(web.kind()).isEqualTo(TransportKind.WEB);
        assertThat(web.id()).isEqualTo("workers[0].transports[0]");
        assertThat(web.path()).isEqualTo("ws");
        assertThat(web.endpoint()).isEqualTo(new EndpointConfig(null, 8080));
        assertThat(web.auth().anonymous().role()).isEqualTo("guest");
        assertThat(web.auth().wampcra()).isNull();
        TicketAuthConfig ticket = web.auth().ticket();
        assertThat(ticket.isDynamic()).isFalse();
        assertThat(ticket.principals().keySet()).containsExactly("barry", "steve");
        assertThat(ticket.principals().get("barry").ticket().matches("notsosecret")).isTrue();
        assertThat(ticket.principals().get("barry").role()).isEqualTo("workman");
        assertThat(ticket.principals().get("steve").ticket().matches("slightlymoresecret")).isTrue();
        assertThat(ticket.principals().toString()).doesNotContain("notsosecret");
        assertThat(web.options()).isEqualTo(TransportOptions.DEFAULTS);
    }

    @Test
    void lesson2WampcraVariantLoads() {
        NodeConfig node = load("lesson2-wampcra.json");

        WampCraAuthConfig cra = node.transports().get(0).auth().wampcra();
        assertThat(node.transports().get(0).auth().ticket()).isNull();
        assertThat(cra.isDynamic()).isFalse();
        CraUser steve = cra.users().get("steve");
        assertThat(steve.secret().matches("slightlymoresecret")).isTrue();
        assertThat(steve.role()).isEqualTo("foreman");
        assertThat(steve.salt()).isNull();
    }

    @Test
    void lesson4ConfigLoadsWithItsInternalTransportAndIgnoresTheGuestWorker() {
        NodeConfig node = load("lesson4.json");

        RealmConfig yorkshire = node.realm("yorkshire");
        assertThat(yorkshire.roles().keySet()).containsExactly("authenticator", "king", "banished", "prince", "serf");
        PermissionConfig authenticator = yorkshire.role("authenticator").permissions().get(0);
        assertThat(authenticator).isEqualTo(new PermissionConfig("phpyork.", MatchPolicy.PREFIX, new AllowConfig(false, true, false, false),
                new DiscloseConfig(true, false), true));
        PermissionConfig king = yorkshire.role("king").permissions().get(0);
        assertThat(king.allow()).isEqualTo(new AllowConfig(false, false, true, true));
        assertThat(king.disclose()).isEqualTo(new DiscloseConfig(false, true));
        assertThat(yorkshire.role("banished").permissions()).isEmpty();
        assertThat(yorkshire.role("banished").isDynamic()).isFalse();
        RoleConfig prince = yorkshire.role("prince");
        assertThat(prince.isDynamic()).isTrue();
        assertThat(prince.authorizer()).isEqualTo("phpyork.permissions");
        assertThat(prince.disclose()).isEqualTo(new DiscloseConfig(true, true));
        assertThat(yorkshire.role("serf").authorizer()).isEqualTo("phpyork.permissions");

        assertThat(node.transports()).hasSize(2);
        WampCraAuthConfig dynamic = node.transports().get(0).auth().wampcra();
        assertThat(dynamic.isDynamic()).isTrue();
        assertThat(dynamic.authenticator()).isEqualTo("phpyork.auth");
        assertThat(dynamic.authenticatorRealm()).isNull();
        assertThat(dynamic.users()).isEmpty();
        assertThat(node.transports().get(0).auth().anonymous()).isNull();

        TransportConfig internal = node.transports().get(1);
        assertThat(internal.kind()).isEqualTo(TransportKind.WEBSOCKET);
        assertThat(internal.id()).isEqualTo("workers[0].transports[1]");
        assertThat(internal.path()).isNull();
        assertThat(internal.endpoint()).isEqualTo(new EndpointConfig("127.0.0.1", 9001));
        CraUser user = internal.auth().wampcra().users().get("authenticator");
        assertThat(user.secret().matches("authenticator-kZ%3g@JR1oXb")).isTrue();
        assertThat(user.role()).isEqualTo("authenticator");
        assertThat(node.transports(TransportKind.WEBSOCKET)).containsExactly(internal);
    }

    @Test
    void lesson5ListenerPermissionsLoad() {
        List<PermissionConfig> permissions = load("lesson5.json").realm("yorkshire").role("authenticator").permissions();

        assertThat(permissions).extracting(PermissionConfig::uri).containsExactly("phpyork.", "wamp.subscription.", "phpyork.chat.");
        assertThat(permissions.get(1).allow()).isEqualTo(new AllowConfig(true, false, false, true));
        assertThat(permissions.get(2).allow()).isEqualTo(new AllowConfig(false, false, false, true));
        assertThat(permissions).allMatch(p -> p.match() == MatchPolicy.PREFIX && p.cache());
    }

    @Test
    void stackConfigLoadsWithItsSecretsFromTheEnvironment() {
        Map<String, String> env = Map.of("NATTER_AUTHENTICATOR_SECRET", "a", "NATTER_LISTENER_SECRET", "l", "NATTER_NOTIFIER_SECRET", "n");

        NodeConfig node = ConfigLoader.load(Path.of("config", "natter.json"), env::get);

        RealmConfig natter = node.realm("natter");
        assertThat(natter.roles().keySet()).containsExactly("user", "authenticator", "listener", "notifier", "banished");
        assertThat(natter.role("user").authorizer()).isEqualTo("natter.authorize");
        TransportConfig web = node.transports().get(0);
        assertThat(web.endpoint().port()).isEqualTo(8080);
        assertThat(web.auth().wampcra().authenticator()).isEqualTo("natter.auth");
        assertThat(web.options().allowMissingOrigin()).isTrue();
        TransportConfig internal = node.transports().get(1);
        assertThat(internal.endpoint()).isEqualTo(new EndpointConfig("127.0.0.1", 9001));
        assertThat(internal.auth().wampcra().users().get("notifier").secret().matches("n")).isTrue();
        assertThat(NodeConfigSourceFactory.properties(node)).containsExactly(Map.entry("quarkus.http.port", "8080"),
                Map.entry("quarkus.http.host", "0.0.0.0"));

        assertThatThrownBy(() -> ConfigLoader.load(Path.of("config", "natter.json"), NO_ENV::get))
                .hasMessage("config.json: workers[0].transports[1].auth.wampcra.users.authenticator.secret: "
                        + "environment variable NATTER_AUTHENTICATOR_SECRET is not set");
    }

    @Test
    void legacyPrefixStarAndExplicitMatches() {
        NodeConfig node = ConfigLoader.parse(doc(realm("r", role("anonymous") + "," + role("x", "{\"uri\": \"com.example.*\"}",
                "{\"uri\": \"com.example.exact\"}", "{\"uri\": \"com..thing\", \"match\": \"wildcard\"}")), web("")), NO_ENV::get);

        List<PermissionConfig> permissions = node.realm("r").role("x").permissions();
        assertThat(permissions.get(0)).isEqualTo(new PermissionConfig("com.example.", MatchPolicy.PREFIX, AllowConfig.NONE, DiscloseConfig.NONE, false));
        assertThat(permissions.get(1).match()).isEqualTo(MatchPolicy.EXACT);
        assertThat(permissions.get(2).match()).isEqualTo(MatchPolicy.WILDCARD);
    }

    @Test
    void websocketOptionsAreReadInMilliseconds() {
        NodeConfig node = ConfigLoader.parse(doc(realm("r", role("anonymous")), """
                {"type": "web", "endpoint": {"type": "tcp", "port": 8080, "interface": "0.0.0.0"},
                 "paths": {"ws": {"type": "websocket", "options": {
                    "allowed_origins": ["http://localhost:*", "https://chat.example.com"],
                    "max_message_size": 65536, "auto_ping_interval": 10000, "auto_ping_timeout": 5000,
                    "open_handshake_timeout": 2500, "enable_webstatus": false}}}}"""), NO_ENV::get);

        TransportOptions options = node.transports().get(0).options();
        assertThat(options.allowedOrigins()).containsExactly("http://localhost:*", "https://chat.example.com");
        assertThat(options.allowMissingOrigin()).isFalse();
        assertThat(options.maxMessageSize()).isEqualTo(65536);
        assertThat(options.autoPingInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.autoPingTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.openHandshakeTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(node.transports().get(0).auth()).isEqualTo(AuthConfig.DEFAULT);
    }

    @Test
    void allowMissingOriginCanBeSetWithAnAllowList() {
        NodeConfig node = ConfigLoader.parse(doc(realm("r", role("anonymous")),
                web("\"options\": {\"allowed_origins\": [\"http://a\"], \"allow_missing_origin\": true}")), NO_ENV::get);

        assertThat(node.transports().get(0).options().allowMissingOrigin()).isTrue();
    }

    @Test
    void environmentVariablesAreSubstitutedInStringsAndPorts() {
        String json = doc(realm("r", role("notifier")), """
                {"type": "websocket", "endpoint": {"type": "tcp", "port": "${PORT}", "interface": "127.0.0.1"},
                 "auth": {"wampcra": {"type": "static", "users": {"notifier": {"secret": "${NOTIFIER_SECRET}", "role": "notifier",
                   "salt": "pre-${SALT}-post", "iterations": 100, "keylen": 32}}}}}""");

        NodeConfig node = ConfigLoader.parse(json, Map.of("PORT", "9001", "NOTIFIER_SECRET", "s3cr3t", "SALT", "x")::get);

        TransportConfig internal = node.transports().get(0);
        assertThat(internal.endpoint().port()).isEqualTo(9001);
        CraUser user = internal.auth().wampcra().users().get("notifier");
        assertThat(user.secret().matches("s3cr3t")).isTrue();
        assertThat(user.salt()).isEqualTo("pre-x-post");
        assertThat(user.iterations()).isEqualTo(100);
    }

    @Test
    void defaultsApplyWhenTheVariableIsUnsetOrEmpty() {
        String json = doc(realm("r", role("notifier")), """
                {"type": "websocket", "endpoint": {"type": "tcp", "port": "${PORT:-9001}", "interface": "${IF:-127.0.0.1}"},
                 "auth": {"wampcra": {"type": "static", "users": {"notifier": {"secret": "${NOTIFIER_SECRET:-fallback}", "role": "notifier"}}}}}""");

        NodeConfig unset = ConfigLoader.parse(json, Map.of("IF", "")::get);
        NodeConfig set = ConfigLoader.parse(json, Map.of("PORT", "9100", "NOTIFIER_SECRET", "s3cr3t")::get);

        assertThat(unset.transports().get(0).endpoint().port()).isEqualTo(9001);
        assertThat(unset.transports().get(0).endpoint().iface()).isEqualTo("127.0.0.1");
        assertThat(unset.transports().get(0).auth().wampcra().users().get("notifier").secret().matches("fallback")).isTrue();
        assertThat(set.transports().get(0).endpoint().port()).isEqualTo(9100);
        assertThat(set.transports().get(0).auth().wampcra().users().get("notifier").secret().matches("s3cr3t")).isTrue();
    }

    @Test
    void missingEnvironmentVariableNamesPathAndVariableButNoValue() {
        String json = doc(realm("r", role("notifier")), """
                {"type": "websocket", "endpoint": {"type": "tcp", "port": 9001},
                 "auth": {"ticket": {"type": "static", "principals": {"n": {"ticket": "${NOTIFIER_TICKET}", "role": "notifier"}}}}}""");

        assertThatThrownBy(() -> ConfigLoader.parse(json, Map.of("OTHER", "leak-me")::get))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json: workers[0].transports[0].auth.ticket.principals.n.ticket: environment variable NOTIFIER_TICKET is not set")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("leak-me"));
    }

    @Test
    void unknownKeyNamesItsPath() {
        String json = doc(realm("a", role("x")) + "," + realm("b", "{\"name\": \"y\", \"permisions\": []}"), web(""));

        assertError(json, "workers[0].realms[1].roles[0].permisions", "unknown key");
    }

    @Test
    void unknownOptionAndUnknownAllowKeyAreErrors() {
        assertError(doc(realm("r", role("anonymous")), web("\"options\": {\"max_msg_size\": 5}")),
                "workers[0].transports[0].paths.ws.options.max_msg_size", "unknown key");
        assertError(doc(realm("r", role("anonymous", "{\"uri\": \"a\", \"allow\": {\"delete\": true}}")), web("")),
                "workers[0].realms[0].roles[0].permissions[0].allow.delete", "unknown key");
    }

    @Test
    void wrongTypesAreNamed() {
        assertError(doc(realm("r", role("anonymous")), "{\"type\": \"web\", \"endpoint\": {\"type\": \"tcp\", \"port\": \"8080\"}, "
                + "\"paths\": {\"ws\": {\"type\": \"websocket\"}}}"), "workers[0].transports[0].endpoint.port", "must be an integer (found a string)");
        assertError(doc(realm("r", role("anonymous", "{\"uri\": \"a\", \"allow\": {\"call\": \"yes\"}}")), web("")),
                "workers[0].realms[0].roles[0].permissions[0].allow.call", "must be true or false (found a string)");
        assertError(doc("{\"name\": \"r\", \"roles\": {}}", web("")), "workers[0].realms[0].roles", "must be an array (found an object)");
        assertError(doc(realm("r", role("anonymous")), "{\"type\": \"web\", \"endpoint\": {\"type\": \"tcp\", \"port\": 70000}, "
                + "\"paths\": {\"ws\": {\"type\": \"websocket\"}}}"), "workers[0].transports[0].endpoint.port", "must be between 0 and 65535 (found 70000)");
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertError(doc("{\"roles\": []}", web("")), "workers[0].realms[0].name", "missing required key");
        assertError(doc(realm("r", role("anonymous", "{\"allow\": {\"call\": true}}")), web("")),
                "workers[0].realms[0].roles[0].permissions[0].uri", "missing required key");
        assertError(doc(realm("r", role("anonymous")), "{\"type\": \"websocket\"}"), "workers[0].transports[0].endpoint", "missing required key");
        assertError("{\"version\": 2}", "workers", "missing required key");
    }

    @Test
    void duplicateRealmAndDuplicateRole() {
        assertError(doc(realm("r", role("anonymous")) + "," + realm("r", role("anonymous")), web("")),
                "workers[0].realms[1].name", "duplicate realm 'r'");
        assertError(doc(realm("r", role("anonymous") + "," + role("anonymous")), web("")),
                "workers[0].realms[0].roles[1].name", "duplicate role 'anonymous' in realm 'r'");
    }

    @Test
    void roleThatNoRealmDefines() {
        assertError(doc(realm("r", role("guest")), web("\"auth\": {\"anonymous\": {\"type\": \"static\", \"role\": \"visitor\"}}")),
                "workers[0].transports[0].paths.ws.auth.anonymous.role", "unknown role 'visitor' (no realm defines it)");
        assertError(doc(realm("r", role("guest")), web("\"auth\": {\"wampcra\": {\"type\": \"static\", \"users\": "
                + "{\"ann\": {\"secret\": \"s\", \"role\": \"queen\"}}}}")),
                "workers[0].transports[0].paths.ws.auth.wampcra.users.ann.role", "unknown role 'queen' (no realm defines it)");
        assertError(doc(realm("r", role("guest")), web("")), "workers[0].transports[0]",
                "unknown role 'anonymous' (without auth the transport admits anonymous clients under this role, and no realm defines it)");
    }

    @Test
    void twoTransportsOnOnePort() {
        assertError(doc(realm("r", role("anonymous")), web("") + ", {\"type\": \"websocket\", \"endpoint\": {\"type\": \"tcp\", \"port\": 8080}}"),
                "workers[0].transports[1].endpoint.port", "port 8080 is already used by workers[0].transports[0]");
    }

    @Test
    void invalidUrisAndMatch() {
        assertError(doc(realm("r", role("anonymous", "{\"uri\": \"a..b\"}")), web("")),
                "workers[0].realms[0].roles[0].permissions[0].uri", "not a valid URI pattern for match exact");
        assertError(doc(realm("r", role("anonymous", "{\"uri\": \"a.b\", \"match\": \"regex\"}")), web("")),
                "workers[0].realms[0].roles[0].permissions[0].match", "must be exact, prefix or wildcard (found 'regex')");
        assertError(doc(realm("r", "{\"name\": \"anonymous\", \"authorizer\": \"not a uri\"}"), web("")),
                "workers[0].realms[0].roles[0].authorizer", "not a valid authorizer procedure URI");
        assertError(doc(realm("bad realm", role("anonymous")), web("")), "workers[0].realms[0].name",
                "not a valid realm name (a URI such as com.example.app)");
    }

    @Test
    void webPathMustBeWsAndWorkersMustHoldOneRouter() {
        assertError(doc(realm("r", role("anonymous")), "{\"type\": \"web\", \"endpoint\": {\"type\": \"tcp\", \"port\": 8080}, "
                + "\"paths\": {\"wamp\": {\"type\": \"websocket\"}}}"), "workers[0].transports[0].paths.wamp",
                "the WebSocket path must be 'ws' (the router serves WAMP at /ws)");
        assertError("{\"workers\": [{\"type\": \"guest\", \"executable\": \"x\"}]}", "workers", "no worker of type router");
        String router = "{\"type\": \"router\", \"realms\": [" + realm("r", role("anonymous")) + "], \"transports\": [" + web("") + "]}";
        assertError("{\"workers\": [" + router + "," + router + "]}", "workers[1]", "a second worker of type router (exactly one is supported)");
    }

    @Test
    void unsupportedFeaturesSaySo() {
        assertError(doc(realm("r", role("anonymous")), web("\"auth\": {\"cryptosign\": {\"type\": \"static\"}}")),
                "workers[0].transports[0].paths.ws.auth.cryptosign", "authentication method cryptosign is not supported (supported: anonymous, ticket, wampcra)");
        assertError(doc(realm("r", role("anonymous")), "{\"type\": \"rawsocket\", \"endpoint\": {\"type\": \"tcp\", \"port\": 8080}}"),
                "workers[0].transports[0].type", "transport type 'rawsocket' is not supported (supported: web, websocket)");
        assertError(doc(realm("r", role("anonymous")), "{\"type\": \"websocket\", \"endpoint\": {\"type\": \"tcp\", \"port\": 9001}, "
                + "\"options\": {\"allowed_origins\": [\"*\"]}}"), "workers[0].transports[0].options.allowed_origins",
                "not used on a websocket transport: it refuses every request that carries an Origin");
        assertError(doc(realm("r", role("anonymous", "{\"uri\": \"a\"}") + "," + "{\"name\": \"x\", \"authorizer\": \"a.b\", \"permissions\": []}"), web("")),
                "workers[0].realms[0].roles[1].authorizer", "a role has either permissions or an authorizer, not both");
    }

    @Test
    void malformedJsonGivesThePlaceButNoText() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\"workers\": [ {\"type\": secret-token } ]}", NO_ENV::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config.json: (document): not valid JSON at line 1, column")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
        assertError("{\"workers\": [], \"workers\": []}", "", "duplicate key at line 1, column 26");
    }

    private static void assertError(String json, String path, String problem) {
        assertThatThrownBy(() -> ConfigLoader.parse(json, NO_ENV::get))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    ConfigException error = (ConfigException) e;
                    assertThat(error.path()).isEqualTo(path);
                    assertThat(error.problem()).isEqualTo(problem);
                    assertThat(error.getMessage()).isEqualTo("config.json: " + (path.isEmpty() ? "(document)" : path) + ": " + problem);
                });
    }

    private static String doc(String realms, String transports) {
        return "{\"version\": 2, \"workers\": [{\"type\": \"router\", \"realms\": [" + realms + "], \"transports\": [" + transports + "]}]}";
    }

    private static String realm(String name, String roles) {
        return "{\"name\": \"" + name + "\", \"roles\": [" + roles + "]}";
    }

    private static String role(String name, String... permissions) {
        return "{\"name\": \"" + name + "\", \"permissions\": [" + String.join(",", permissions) + "]}";
    }

    /** A web transport on 8080 whose ws path holds {@code members} (e.g. an auth block). */
    private static String web(String members) {
        return "{\"type\": \"web\", \"endpoint\": {\"type\": \"tcp\", \"port\": 8080}, \"paths\": {\"ws\": {\"type\": \"websocket\""
                + (members.isEmpty() ? "" : ", " + members) + "}}}";
    }

    private static NodeConfig load(String resource) {
        try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/config/" + resource)) {
            return ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), NO_ENV::get);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
