package io.natter.bench.target;

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
            case "jawampa" -> javaMain("jawampa", "io.natter.bench.baseline.JawampaRouter", jvmOptions, false,
                    Map.of("cra", "n/a: jawampa's router has no authentication"));
            case "fox-wamp" -> node(repo, "fox-wamp", "fox-wamp", "/cra",
                    Map.of("msgpack", "n/a: fox-wamp speaks wamp.2.json only"));
            case "wamp.rt" -> node(repo, "wamp.rt", "wamp-rt", null,
                    Map.of("msgpack", "n/a: wamp.rt speaks wamp.2.json only", "cra", "n/a: wamp.rt has no authentication"));
            default -> throw new IllegalArgumentException("unknown target " + name);
        };
    }

    private static TargetSpec natter(Path repo, List<String> jvmOptions) {
        Path jar = repo.resolve("router/target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        Map<String, String> env = Map.of("QUARKUS_HTTP_PORT", "{port}", "QUARKUS_HTTP_HOST", "127.0.0.1");
        String unavailable = Files.isRegularFile(jar) ? null
                : "pending: Natter's router is not built here (router/target/quarkus-app/quarkus-run.jar)";
        return new TargetSpec("natter", "JVM", command, env, false, Set.of("json", "msgpack"), null,
                Map.of("cra", "pending: the router has only anonymous authentication so far"), unavailable);
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
