package io.natter.router.realm;

import java.util.List;

/** Where the router's realms come from: the embedded default today, a config file later. */
public interface RealmSource {

    /** The realms to run; names are unique. */
    List<RealmSettings> realms();
}
