package io.natter.router.dealer;

import java.util.Optional;

/** CANCEL.Options.mode: how the dealer cancels a call in flight. */
public enum CancelMode {
    /** Answer the caller with ERROR now; no INTERRUPT; the callee's answer is dropped. */
    SKIP("skip"),
    /** INTERRUPT the callee and wait for its answer, which goes to the caller. */
    KILL("kill"),
    /** Answer the caller with ERROR now and INTERRUPT the callee; its answer is dropped. */
    KILLNOWAIT("killnowait");

    private final String wireName;

    CancelMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The mode named {@code name} on the wire, if any. */
    public static Optional<CancelMode> fromWire(String name) {
        for (CancelMode mode : values()) {
            if (mode.wireName.equals(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
