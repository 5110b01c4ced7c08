package io.natter.router.meta;

/**
 * The URIs of the meta API this router implements: the session, subscription and registration
 * meta events it publishes and the session procedures it answers (the
 * {@code wamp.subscription.*}/{@code wamp.registration.*} procedures are built from
 * {@code ObservationKind}). Each with the WAMP spec's sentence.
 */
public final class MetaUris {

    /** Fired when a session joins a realm on the router. */
    public static final String SESSION_ON_JOIN = "wamp.session.on_join";
    /** Fired when a session leaves a realm on the router or is disconnected. */
    public static final String SESSION_ON_LEAVE = "wamp.session.on_leave";

    /** Fired when a subscription is created through a subscription request for a topic which was previously without subscribers. */
    public static final String SUBSCRIPTION_ON_CREATE = "wamp.subscription.on_create";
    /** Fired when a session is added to a subscription. */
    public static final String SUBSCRIPTION_ON_SUBSCRIBE = "wamp.subscription.on_subscribe";
    /** Fired when a session is removed from a subscription. */
    public static final String SUBSCRIPTION_ON_UNSUBSCRIBE = "wamp.subscription.on_unsubscribe";
    /** Fired when a subscription is deleted after the last session attached to it has been removed. */
    public static final String SUBSCRIPTION_ON_DELETE = "wamp.subscription.on_delete";

    /** Fired when a registration is created through a registration request for a URI which was previously without a registration. */
    public static final String REGISTRATION_ON_CREATE = "wamp.registration.on_create";
    /** Fired when a session is added to a registration. */
    public static final String REGISTRATION_ON_REGISTER = "wamp.registration.on_register";
    /** Fired when a session is removed from a registration. */
    public static final String REGISTRATION_ON_UNREGISTER = "wamp.registration.on_unregister";
    /** Fired when a registration is deleted after the last session attached to it has been removed. */
    public static final String REGISTRATION_ON_DELETE = "wamp.registration.on_delete";

    /** Obtains the number of sessions currently attached to the realm. */
    public static final String SESSION_COUNT = "wamp.session.count";
    /** Retrieves a list of the session IDs for all sessions currently attached to the realm. */
    public static final String SESSION_LIST = "wamp.session.list";
    /** Retrieves information on a specific session. */
    public static final String SESSION_GET = "wamp.session.get";
    /** Kills a single session identified by session ID. */
    public static final String SESSION_KILL = "wamp.session.kill";
    /** Kills all currently connected sessions that have the specified authid. */
    public static final String SESSION_KILL_BY_AUTHID = "wamp.session.kill_by_authid";
    /** Kills all currently connected sessions that have the specified authrole. */
    public static final String SESSION_KILL_BY_AUTHROLE = "wamp.session.kill_by_authrole";

    private MetaUris() {
    }
}
