package io.natter.authenticator.authorize;

/** What {@link AccessRules} says about one action, before any membership is looked up. */
public sealed interface Decision {

    /** Allowed; {@code disclose} asks the router to disclose the actor (publisher or caller). */
    record Allow(boolean disclose) implements Decision {
    }

    /** Refused whatever app-api would say; {@code reason} is for logs only. */
    record Deny(String reason) implements Decision {
    }

    /** Allowed if {@code authid} is a member of {@code thread}, else refused. */
    record IfMember(String thread, boolean disclose) implements Decision {
    }
}
