package io.natter.router.auth;

import io.natter.router.peer.TransportInfo;
import io.smallrye.mutiny.Uni;
import java.util.Map;

/**
 * One WAMP authentication method ({@code anonymous}, {@code ticket}, {@code wampcra}; static or
 * dynamic). A transport holds one authenticator per method it accepts
 * ({@link AuthenticatorFactory#forTransport}); the handshake picks the first method of the
 * client's {@code authmethods} it has.
 *
 * <p>Implementations are thread-safe and never block the calling (event-loop) thread: an
 * authenticator that has to ask someone (a dynamic authenticator procedure) completes the
 * {@link Uni} later, within its configured timeout. They never put a secret or ticket in a log
 * line or in an ABORT message.
 */
public interface Authenticator {

    /** The method name as HELLO.Details.authmethods spells it, e.g. {@code anonymous}. */
    String authmethod();

    /**
     * First step, on HELLO.
     *
     * @param realm the realm the client asked for (it exists)
     * @param helloDetails HELLO.Details as the client sent them ({@code authid}, {@code authextra}, ...)
     * @param transport what the transport knows of the connection
     * @param sessionId the ID the session will get once welcomed (challenges and dynamic
     *     authenticators name it)
     */
    Uni<AuthStep> onHello(String realm, Map<String, Object> helloDetails, TransportInfo transport, long sessionId);
}
