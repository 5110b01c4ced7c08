package io.natter.authenticator.appapi;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Who a user is and which threads they may use: what the authenticator asks app-api
 * ({@link AppApi}). Futures fail with {@link AppApiUnavailable} when there is no answer.
 */
public interface UserDirectory {

    /** The WAMP-CRA material of {@code authid}'s live token {@code tokenId}, or empty. */
    Future<Optional<CraMaterial>> auth(String authid, String tokenId);

    /** Whether {@code authid} is a member of {@code thread}. */
    Future<Boolean> isMember(String thread, String authid);
}
