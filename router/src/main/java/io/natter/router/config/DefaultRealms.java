package io.natter.router.config;

import io.natter.router.auth.AllowAllAuthorizer;
import io.natter.router.auth.AnonymousAuthenticator;
import io.natter.router.realm.RealmSettings;
import io.natter.router.realm.RealmSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The embedded default configuration: one realm {@code realm1}, anonymous access under the role
 * {@code anonymous}, every permission. A config file will replace this source.
 */
@ApplicationScoped
public class DefaultRealms implements RealmSource {

    /** The default realm's name. */
    public static final String REALM = "realm1";
    /** The role of anonymous sessions. */
    public static final String ROLE = "anonymous";

    @Override
    public List<RealmSettings> realms() {
        return List.of(new RealmSettings(REALM, List.of(new AnonymousAuthenticator(ROLE)), new AllowAllAuthorizer()));
    }
}
