package io.natter.router.observe;

import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Unregister;
import io.natter.wamp.message.Unregistered;
import io.natter.wamp.message.Unsubscribe;
import io.natter.wamp.message.Unsubscribed;
import java.util.List;
import java.util.Map;

/**
 * Subscriptions or registrations: the words and messages that tell them apart where the router
 * handles them alike (leaving one, and revoking one).
 */
public enum ObservationKind {

    SUBSCRIPTION("subscription", "subscriber", "subscription_revocation", Unsubscribe.CODE,
            WampErrors.NO_SUCH_SUBSCRIPTION, Unsubscribed::new),
    REGISTRATION("registration", "callee", "registration_revocation", Unregister.CODE,
            WampErrors.NO_SUCH_REGISTRATION, Unregistered::new);

    private interface Removal {
        Message reply(long request, Map<String, Object> details);
    }

    private final String noun;
    private final String role;
    private final String revocationFeature;
    private final int removeType;
    private final String noSuchError;
    private final Removal removal;

    ObservationKind(String noun, String role, String revocationFeature, int removeType, String noSuchError, Removal removal) {
        this.noun = noun;
        this.role = role;
        this.revocationFeature = revocationFeature;
        this.removeType = removeType;
        this.noSuchError = noSuchError;
        this.removal = removal;
    }

    /** {@code subscription} or {@code registration}: the key of the ID in a revocation's details. */
    public String noun() {
        return noun;
    }

    /** The client role that observes: {@code subscriber} or {@code callee}. */
    public String role() {
        return role;
    }

    /** The feature of {@link #role} announcing that it understands revocation. */
    public String revocationFeature() {
        return revocationFeature;
    }

    /** The error URI for an ID that names no observation of the session. */
    public String noSuchError() {
        return noSuchError;
    }

    /** UNSUBSCRIBED or UNREGISTERED; request 0 with details for a revocation. */
    Message removed(long request, Map<String, Object> details) {
        return removal.reply(request, details);
    }

    /** The ERROR answering an UNSUBSCRIBE or UNREGISTER for {@code id}, which the session does not observe. */
    Error noSuch(long request, long id) {
        return new Error(removeType, request, Map.of(), noSuchError,
                List.of("no " + noun + " with ID " + id + " exists for this session"), Map.of());
    }
}
