package io.natter.router.access;

/**
 * An authorizer's answer: whether the action is allowed, and whether the router discloses the
 * acting session's identity (caller / publisher) even when it did not ask to.
 */
public record Authorization(boolean allowed, boolean disclose) {

    /** Allowed, identity disclosed only on request. */
    public static final Authorization ALLOW = new Authorization(true, false);
    /** Refused. */
    public static final Authorization DENY = new Authorization(false, false);
}
