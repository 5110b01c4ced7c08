package io.natter.router;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The router's packages depend on each other in one direction only: no cycle between them, and
 * each layer uses only the layers below it. Top to bottom:
 *
 * <pre>
 * boot, health       start-up, readiness checks
 * transport          Netty/Vert.x endpoints, outbound queues, connection caps
 * metrics            Micrometer meters over the realms
 * session            one WAMP session on a connection: handshake, then messages to its realm
 * realm              a realm's sessions and its one dispatch switch; realms by name
 * meta, auth         the meta API; authenticators and authorizers
 * dealer, broker     routing of calls and of events
 * observe            subscriptions and registrations as observations (shared by both)
 * peer               a session as the router sees it (Session, its roles, its transport)
 * outbound           what is sent to a peer (OutgoingMessage, Outbound)
 * access, util, config   values: who and what is allowed; ids, options, timers; configuration
 * </pre>
 *
 * Below all of them, the {@code wamp} library.
 */
class PackageStructureTest {

    private static final String ROOT = "io.natter.router";

    /** Top to bottom; a layer may use any layer after it and none before it. */
    private static final List<String> LAYERS = List.of("boot", "health", "transport", "metrics", "session", "realm", "meta",
            "auth", "dealer", "broker", "observe", "peer", "outbound", "access", "util", "config");

    private static final JavaClasses ROUTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(ROUTER);
    }

    @Test
    void layersDependDownwardOnly() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String layer : LAYERS) {
            layers = layers.layer(layer).definedBy(ROOT + "." + layer + "..");
        }
        for (int i = 1; i < LAYERS.size(); i++) {
            String[] above = LAYERS.subList(0, i).toArray(String[]::new);
            layers = layers.whereLayer(LAYERS.get(i)).mayOnlyBeAccessedByLayers(above);
        }
        layers = layers.whereLayer(LAYERS.get(0)).mayNotBeAccessedByAnyLayer();
        layers.check(ROUTER);
    }

    @Test
    void everyPackageHasALayer() {
        List<String> unplaced = ROUTER.stream()
                .map(c -> c.getPackageName())
                .filter(p -> p.startsWith(ROOT + "."))
                .map(p -> p.substring(ROOT.length() + 1).split("\\.")[0])
                .distinct()
                .filter(p -> !LAYERS.contains(p))
                .toList();
        assertThat(unplaced).as("router packages missing from LAYERS").isEmpty();
    }
}
