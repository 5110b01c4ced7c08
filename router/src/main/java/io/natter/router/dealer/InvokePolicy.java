package io.natter.router.dealer;

import java.util.Optional;

/** How a shared registration picks the callee of a call (REGISTER.Options.invoke). */
public enum InvokePolicy {
    /** One callee only; a second REGISTER is refused. The default. */
    SINGLE("single"),
    /** Callees in turn. */
    ROUNDROBIN("roundrobin"),
    /** A callee at random. */
    RANDOM("random"),
    /** The callee that registered first (and is still registered). */
    FIRST("first"),
    /** The callee that registered last. */
    LAST("last");

    private final String wireName;

    InvokePolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The policy named {@code name} on the wire, if any. */
    public static Optional<InvokePolicy> fromWire(String name) {
        for (InvokePolicy policy : values()) {
            if (policy.wireName.equals(name)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
