package io.natter.router.realm;

import java.util.List;

/** Where the router's realms come from: the config file, or the embedded default ({@link ConfiguredRealms}). */
public interface RealmSource {

    /** The realms to run; names are unique. */
    List<RealmSettings> realms();
}
