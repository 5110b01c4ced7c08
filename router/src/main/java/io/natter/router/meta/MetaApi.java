package io.natter.router.meta;


/**
 * The WAMP meta API of a realm, wired in one place: the session, subscription and registration
 * meta procedures as procedures the dealer answers itself (called like any procedure, and
 * authorized like any call). The meta events come from {@link MetaEvents}.
 */
public final class MetaApi {


    private MetaApi() {
    }

    /** Registers every meta procedure on {@code realm}'s dealer. */
    public static void install(MetaRealm realm) {
        new SessionMeta(realm).install(realm.dealer());
        ObservationMeta.subscriptions(realm).install(realm.dealer());
        ObservationMeta.registrations(realm).install(realm.dealer());
    }
}
