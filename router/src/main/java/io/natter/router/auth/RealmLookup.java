package io.natter.router.auth;

/**
 * Finds a realm by name when an authenticator or authorizer needs it (at call time, so the realms
 * may be built after the authenticators and authorizers that refer to them).
 */
@FunctionalInterface
public interface RealmLookup {

    /** The realm named {@code name}, or null. */
    AuthRealm find(String name);
}
