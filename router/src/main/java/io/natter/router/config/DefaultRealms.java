package io.natter.router.config;

import io.natter.router.auth.RouterAuth;
import io.natter.router.realm.RealmSettings;
import io.natter.router.realm.RealmSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The realms of the embedded default configuration ({@link DefaultConfig#node()}): realm
 * {@code realm1}, role {@code anonymous} with every permission. A config file will replace this source.
 */
@ApplicationScoped
public class DefaultRealms implements RealmSource {

    /** The default realm's name. */
    public static final String REALM = DefaultConfig.REALM;
    /** The role of anonymous sessions. */
    public static final String ROLE = DefaultConfig.ROLE;

    @Inject
    RouterAuth auth;

    @Override
    public List<RealmSettings> realms() {
        List<RealmSettings> realms = new ArrayList<>();
        for (RealmConfig realm : DefaultConfig.node().realms()) {
            realms.add(new RealmSettings(realm.name(), List.copyOf(realm.roles().keySet()), auth.forRealm(realm)));
        }
        return realms;
    }
}
