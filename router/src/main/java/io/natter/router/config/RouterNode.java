package io.natter.router.config;

import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The configuration this router runs: the file named by {@code NATTER_ROUTER_CONFIG}
 * ({@code natter.router.config}), or {@link DefaultConfig} without one. Loaded once, when the
 * first bean that needs it is created at start-up.
 *
 * <p>A mistake in the file stops the start-up: the {@link ConfigException} is rethrown as Quarkus'
 * {@link ConfigurationException}, which Quarkus reports as its message alone (one line naming the
 * JSON path and the problem, no stack trace) before exiting with status 1.
 */
@Singleton
public class RouterNode {

    private static final Logger LOG = Logger.getLogger(RouterNode.class);

    @Inject
    RouterConfig config;

    private NodeConfig node;

    @PostConstruct
    void load() {
        node = load(config.config());
    }

    /** Loads {@code file} (or the default without one), turning a mistake into a start-up failure. */
    static NodeConfig load(Optional<String> file) {
        if (file.isEmpty() || file.get().isBlank()) {
            LOG.info("config: no NATTER_ROUTER_CONFIG: running the embedded default (realm realm1, anonymous access)");
            return DefaultConfig.node();
        }
        try {
            NodeConfig loaded = ConfigLoader.load(Path.of(file.get()));
            LOG.infof("config: %s: realms %s, transports %s", file.get(),
                    loaded.realms().stream().map(RealmConfig::name).toList(),
                    loaded.transports().stream().map(t -> t.id() + " (" + t.kind().name().toLowerCase() + " "
                            + t.endpoint().host() + ":" + t.endpoint().port() + ")").toList());
            return loaded;
        } catch (ConfigException e) {
            throw new ConfigurationException("Router configuration " + file.get() + " is invalid: " + e.getMessage());
        }
    }

    /** The configuration in force. */
    public NodeConfig node() {
        return node;
    }
}
