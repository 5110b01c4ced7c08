package io.natter.bench.target;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to run one target (Natter, a peer router or the relay) and what it can do.
 *
 * @param name        short name used in tables ({@code natter}, {@code relay}, {@code jawampa}...)
 * @param runtime     what the process is ({@code JVM} or {@code Node}), for the table's legend
 * @param command     the command line; {@code {port}} is replaced by the port
 * @param env         extra environment; {@code {port}} is replaced by the port
 * @param relay       true for the bare relay (no WAMP)
 * @param wires       serializations it speaks ({@code json}, {@code msgpack})
 * @param craPath     WebSocket path where WAMP-CRA as user {@code bench} works, or null
 * @param gaps        why a scenario is not run, by scenario key ({@code msgpack}, {@code cra})
 * @param unavailable why the target cannot run at all here, or null
 */
public record TargetSpec(String name, String runtime, List<String> command, Map<String, String> env, boolean relay,
                         Set<String> wires, String craPath, Map<String, String> gaps, String unavailable) {

    /** Whether the target is a JVM (heap read with jcmd/jstat). */
    public boolean jvm() {
        return "JVM".equals(runtime);
    }

    /** Why {@code wire} is not run, or null if it is. */
    public String wireGap(String wire) {
        return wires.contains(wire) ? null : gaps.getOrDefault(wire, "n/a: unsupported");
    }

    /** Why WAMP-CRA is not run, or null if it is. */
    public String craGap() {
        return craPath != null ? null : gaps.getOrDefault("cra", "n/a: unsupported");
    }
}
