package io.natter.wamp.uri;

import java.util.Optional;

/**
 * How a subscription or registration URI is matched against the URI of a publication or call:
 * the {@code match} option of SUBSCRIBE and REGISTER in the WAMP Advanced Profile.
 */
public enum MatchPolicy {
    /** The pattern is a URI and matches only itself; what a peer gets when it sends no {@code match}. */
    EXACT("exact"),
    /** The pattern matches every URI that starts with it, compared character by character. */
    PREFIX("prefix"),
    /**
     * The pattern's empty components each match exactly one component of any content; the other
     * components must be equal, and so must the number of components.
     */
    WILDCARD("wildcard");

    private final String wireName;

    MatchPolicy(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code match} option as it travels in SUBSCRIBE and REGISTER. */
    public String wireName() {
        return wireName;
    }

    /**
     * The policy a {@code match} option names.
     *
     * @param wireName the option's value, or null when the peer sent none
     * @return the policy, or empty when the option is absent or names no known policy; the caller
     *     tells the two apart (absent means {@link #EXACT}, unknown is an error for the peer)
     */
    public static Optional<MatchPolicy> fromWire(String wireName) {
        if (wireName == null) {
            return Optional.empty();
        }
        for (MatchPolicy policy : values()) {
            if (policy.wireName.equals(wireName)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
