package io.natter.router.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Hands the web transport's {@code endpoint} in the router's {@code config.json} to Quarkus's
 * HTTP server: {@code quarkus.http.port} and {@code quarkus.http.host}. Its ordinal ({@value #ORDINAL}) is above
 * {@code application.properties} (250) and below environment variables (300), so
 * {@code QUARKUS_HTTP_PORT} still wins.
 *
 * <p>A file that does not load yields no properties here: {@link RouterNode} reports the mistake
 * when the application starts.
 */
public class NodeConfigSourceFactory implements ConfigSourceFactory {

    /** Between application.properties (250) and environment variables (300). */
    static final int ORDINAL = 275;
    /** A web endpoint without {@code interface} listens on every interface. */
    static final String ALL_INTERFACES = "0.0.0.0";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue file = context.getValue("natter.router.config");
        if (file == null || file.getValue() == null || file.getValue().isBlank()) {
            // The embedded default admits anyone anonymously: loopback only, unless QUARKUS_HTTP_HOST (or -D) says otherwise.
            return List.of(new PropertiesConfigSource(Map.of("quarkus.http.host", DefaultConfig.HOST), "natter router default", ORDINAL));
        }
        NodeConfig node;
        try {
            node = ConfigLoader.load(Path.of(file.getValue()), System::getenv, note -> { });
        } catch (ConfigException e) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(properties(node), "natter router config " + file.getValue(), ORDINAL));
    }

    /** The Quarkus properties {@code node}'s web transport implies. */
    static Map<String, String> properties(NodeConfig node) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (TransportConfig web : node.transports(TransportKind.WEB)) {
            properties.put("quarkus.http.port", Integer.toString(web.endpoint().port()));
            // Always set: Quarkus keeps the build's value of this source (the embedded default's
            // 127.0.0.1, the build having no config file) as a runtime default, so a web endpoint
            // without an interface must say "all interfaces" itself, as Crossbar's default is.
            properties.put("quarkus.http.host", web.endpoint().iface() != null ? web.endpoint().iface() : ALL_INTERFACES);
        }
        return properties;
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
