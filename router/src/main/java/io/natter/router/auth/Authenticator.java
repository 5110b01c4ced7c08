package io.natter.router.auth;

import io.smallrye.mutiny.Uni;
import java.util.Map;

/**
 * One WAMP authentication method ({@code anonymous} today; {@code ticket} and {@code wampcra},
 * static or dynamic, plug in here). A realm's transport holds one authenticator per method it
 * accepts; the handshake picks the first method of the client's {@code authmethods} it has.
 *
 * <p>Implementations are thread-safe and never block the calling (event-loop) thread: an
 * authenticator that has to ask someone (a dynamic authenticator procedure) completes the
 * {@link Uni} later.
 */
public interface Authenticator {

    /** The method name as HELLO.Details.authmethods spells it, e.g. {@code anonymous}. */
    String authmethod();

    /**
     * First step, on HELLO.
     *
     * @param realm the realm the client asked for (it exists)
     * @param helloDetails HELLO.Details as the client sent them ({@code authid}, {@code authextra}, ...)
     */
    Uni<AuthStep> onHello(String realm, Map<String, Object> helloDetails);
}
