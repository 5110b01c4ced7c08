package io.natter.bench.target;

import io.natter.bench.load.Join;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The targets the suite knows: Natter's router, the bare relay and the peer routers. */
public final class Targets {

    private Targets() {
    }

    /**
     * The spec of target {@code name}.
     *
     * @param repo       the repository root (Natter's jar, the peers' launchers)
     * @param jvmOptions options for every JVM server
     */
    public static TargetSpec named(String name, Path repo, List<String> jvmOptions) {
        return switch (name) {
            case "natter" -> natter(repo, jvmOptions);
            case "relay" -> javaMain("relay", "io.natter.bench.baseline.RelayServer", jvmOptions, true,
                    Map.of("cra", "n/a: no WAMP"));
            case "jawampa" -> jawampa(jvmOptions);
            case "fox-wamp" -> node(repo, "fox-wamp", "fox-wamp", "/cra",
                    Map.of("msgpack", "n/a: fox-wamp speaks wamp.2.json only"));
            case "wamp.rt" -> node(repo, "wamp.rt", "wamp-rt", null,
                    Map.of("msgpack", "n/a: wamp.rt speaks wamp.2.json only", "cra", "n/a: wamp.rt has no authentication"));
            default -> throw new IllegalArgumentException("unknown target " + name);
        };
    }

    /**
     * Natter's router on {@code bench/config/natter-router.json}: realm {@code realm1} on {@code /ws},
     * anonymous clients with every permission (as the router's embedded default) and WAMP-CRA as the
     * static user {@link Join#BENCH_USER}, whose secret reaches the file through the environment. The
     * router picks the method from the HELLO's {@code authmethods}, so both joins use {@code /ws}.
     */
    private static TargetSpec natter(Path repo, List<String> jvmOptions) {
        Path jar = repo.resolve("router/target/quarkus-app/quarkus-run.jar");
        Path config = repo.resolve("bench/config/natter-router.json");
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        Map<String, String> env = Map.of(
                "NATTER_ROUTER_CONFIG", config.toString(),
                "BENCH_CRA_SECRET", Join.BENCH_USER.secret(),
                "QUARKUS_HTTP_PORT", "{port}",
                "QUARKUS_HTTP_HOST", "127.0.0.1");
        String unavailable = Files.isRegularFile(jar) ? null
                : "pending: Natter's router is not built here (router/target/quarkus-app/quarkus-run.jar)";
        return new TargetSpec("natter", "JVM", command, env, false, Set.of("json", "msgpack"), "/ws", Map.of(), unavailable);
    }

    /**
     * jawampa's router ({@code io.natter.bench.baseline.JawampaRouter}, in {@code bench/src/peers/java}),
     * on this JVM's class path when bench was built with the {@code peers} profile, as {@code bin/bench}
     * builds it; a plain build does not fetch jawampa.
     */
    private static TargetSpec jawampa(List<String> jvmOptions) {
        TargetSpec spec = javaMain("jawampa", JAWAMPA_ROUTER, jvmOptions, false,
                Map.of("cra", "n/a: jawampa's router has no authentication"));
        boolean installed = onClassPath(JAWAMPA_ROUTER) && onClassPath("ws.wamp.jawampa.WampRouter");
        return installed ? spec : new TargetSpec(spec.name(), spec.runtime(), spec.command(), spec.env(), spec.relay(),
                spec.wires(), spec.craPath(), spec.gaps(),
                "n/a: jawampa is not installed (bin/bench builds bench with -Ppeers, which fetches it)");
    }

    private static final String JAWAMPA_ROUTER = "io.natter.bench.baseline.JawampaRouter";

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, Targets.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static TargetSpec javaMain(String name, String mainClass, List<String> jvmOptions, boolean relay,
                                       Map<String, String> gaps) {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass, "{port}"));
        return new TargetSpec(name, "JVM", command, Map.of(), relay, Set.of("json", "msgpack"), null, gaps, null);
    }

    private static TargetSpec node(Path repo, String name, String dir, String craPath, Map<String, String> gaps) {
        Path modules = repo.resolve("bench/target/peers").resolve(dir).resolve("node_modules");
        Path launcher = repo.resolve("bench/peers").resolve(dir + ".js");
        List<String> command = List.of("node", "--expose-gc", launcher.toString(), "{port}");
        String unavailable = Files.isDirectory(modules) ? null
                : "n/a: " + name + " is not installed (bin/bench runs npm ci into bench/target/peers)";
        return new TargetSpec(name, "Node", command, Map.of("NODE_PATH", modules.toString()), false, Set.of("json"),
                craPath, gaps, unavailable);
    }
}
