package io.natter.router.config;

import java.util.List;
import java.util.Objects;

/**
 * What one router worker runs: its realms and the transports clients reach them through. Built by
 * {@link ConfigLoader} from a Crossbar.io-compatible {@code config.json}, or {@link DefaultConfig}.
 *
 * @param realms the realms, names unique, in the file's order
 * @param transports the transports, ports unique, in the file's order
 */
public record NodeConfig(List<RealmConfig> realms, List<TransportConfig> transports) {

    public NodeConfig {
        realms = List.copyOf(Objects.requireNonNull(realms, "realms"));
        transports = List.copyOf(Objects.requireNonNull(transports, "transports"));
    }

    /** The realm named {@code name}, or null. */
    public RealmConfig realm(String name) {
        for (RealmConfig realm : realms) {
            if (realm.name().equals(name)) {
                return realm;
            }
        }
        return null;
    }

    /** The transports of one kind, in the file's order. */
    public List<TransportConfig> transports(TransportKind kind) {
        return transports.stream().filter(t -> t.kind() == kind).toList();
    }
}
