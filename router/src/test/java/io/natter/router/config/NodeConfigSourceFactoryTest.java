package io.natter.router.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web transport's endpoint reaches Quarkus below the environment and above application.properties. */
class NodeConfigSourceFactoryTest {

    private static final String CONFIG = Path.of("src/test/resources/config/transports.json").toAbsolutePath().toString();

    private static SmallRyeConfig config(Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("natter.router.config", CONFIG, "quarkus.http.port", "1111"),
                        "application.properties", 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .withSources(new NodeConfigSourceFactory())
                .build();
    }

    @Test
    void fileOverridesApplicationProperties() {
        SmallRyeConfig config = config(Map.of());

        assertThat(config.getValue("quarkus.http.port", Integer.class)).isEqualTo(8080);
        // Every interface when the web endpoint names none: set explicitly, since Quarkus keeps the
        // build's value of this source (the embedded default's loopback) as a runtime default.
        assertThat(config.getValue("quarkus.http.host", String.class)).isEqualTo("0.0.0.0");
    }

    @Test
    void environmentOverridesTheFile() {
        SmallRyeConfig config = config(Map.of("quarkus.http.port", "2222"));

        assertThat(config.getValue("quarkus.http.port", Integer.class)).isEqualTo(2222);
    }

    @Test
    void theEmbeddedDefaultListensOnLoopbackUnlessTheEnvironmentSaysOtherwise() {
        SmallRyeConfig quiet = new SmallRyeConfigBuilder().withSources(new NodeConfigSourceFactory()).build();
        SmallRyeConfig told = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("quarkus.http.host", "0.0.0.0"), "environment", 300))
                .withSources(new NodeConfigSourceFactory())
                .build();

        assertThat(quiet.getValue("quarkus.http.host", String.class)).isEqualTo("127.0.0.1");
        assertThat(told.getValue("quarkus.http.host", String.class)).isEqualTo("0.0.0.0");
    }

    @Test
    void aBrokenFileAddsNothing() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("natter.router.config", "/nonexistent/config.json", "quarkus.http.port", "1111"),
                        "application.properties", 250))
                .withSources(new NodeConfigSourceFactory())
                .build();

        assertThat(config.getValue("quarkus.http.port", Integer.class)).isEqualTo(1111);
    }
}
