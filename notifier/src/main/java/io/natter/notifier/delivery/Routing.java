package io.natter.notifier.delivery;

/** Names of the WAMP side. */
public final class Routing {

    /** The topic only {@code <user>} may subscribe to (the authenticator's rule). */
    public static final String NOTIFY_PREFIX = "natter.notify.";

    private Routing() {
    }

    public static String topic(String user) {
        return NOTIFY_PREFIX + user;
    }
}
