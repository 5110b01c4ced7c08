package io.natter.router.meta;

import io.natter.router.broker.Broker;
import io.natter.router.dealer.Dealer;
import io.natter.router.peer.Session;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the meta API needs of a realm: its broker and dealer, its sessions, and a way to end one.
 * The realm implements it; the meta API knows nothing else of the realm, so the dependency runs
 * one way (realm → meta).
 */
public interface MetaRealm {

    /** The realm's broker. */
    Broker broker();

    /** The realm's dealer. */
    Dealer dealer();

    /** The session with {@code id}, or null. */
    Session session(long id);

    /** The attached sessions that satisfy {@code filter}. */
    List<Session> sessions(Predicate<Session> filter);

    /** Ends {@code session} on the router's initiative with GOODBYE({@code reason}); false if it had left already. */
    boolean kill(Session session, String reason, String message);
}
