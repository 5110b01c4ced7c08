package io.natter.router.auth;

import io.natter.router.dealer.InternalCallResult;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What authentication and authorization need of a realm: its roles, and a way to call the
 * dynamic authenticator and authorizer procedures registered on it.
 */
public interface AuthRealm {

    /** The realm's name. */
    String name();

    /** The realm's role names, in configuration order. */
    List<String> roles();

    /** Calls {@code procedure} on behalf of the router, bounded by {@code timeout}; see the dealer's {@code callInternal}. */
    Uni<InternalCallResult> callInternal(String procedure, List<Object> args, Map<String, Object> kwargs, Duration timeout);
}
