package io.natter.router.realm;

import io.natter.router.config.RealmConfig;
import io.natter.router.config.RouterNode;

import io.natter.router.auth.Authorizer;
import io.natter.router.auth.RouterAuth;
import io.natter.router.realm.RealmSettings;
import io.natter.router.realm.RealmSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The realms of the configuration in force ({@link RouterNode}): each with its roles (a session is
 * welcomed only under one of them) and the authorizer built from them.
 */
@ApplicationScoped
public class ConfiguredRealms implements RealmSource {

    @Inject
    RouterNode node;

    @Inject
    RouterAuth auth;

    @Override
    public List<RealmSettings> realms() {
        List<RealmSettings> realms = new ArrayList<>();
        for (RealmConfig realm : node.node().realms()) {
            realms.add(new RealmSettings(realm.name(), List.copyOf(realm.roles().keySet()), authorizer(realm)));
        }
        return realms;
    }

    /** The realm's authorizer: each role's static permissions or dynamic authorizer. */
    private Authorizer authorizer(RealmConfig realm) {
        return auth.forRealm(realm);
    }
}
