package io.natter.wamp.client;

/** How a caller cancels a call (WAMP Advanced Profile, call canceling). */
public enum CancelMode {
    /** The dealer answers the caller at once and lets the callee finish unaware; the call fails locally at once. */
    SKIP("skip"),
    /** The dealer interrupts the callee and answers the caller after the callee has answered. */
    KILL("kill"),
    /** The dealer interrupts the callee and answers the caller at once. */
    KILLNOWAIT("killnowait");

    private final String wire;

    CancelMode(String wire) {
        this.wire = wire;
    }

    /** The {@code mode} option value on the wire. */
    public String wire() {
        return wire;
    }

    /** The mode named {@code wire}, or {@link #KILLNOWAIT} for an absent or unknown name. */
    public static CancelMode fromWire(Object wire) {
        for (CancelMode mode : values()) {
            if (mode.wire.equals(wire)) {
                return mode;
            }
        }
        return KILLNOWAIT;
    }
}
