package io.natter.router.auth;

import io.natter.router.access.Principal;

import io.natter.router.peer.TransportInfo;
import io.smallrye.mutiny.Uni;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;

/**
 * Anonymous access ({@code authmethod: anonymous}, {@code authprovider: static}): every client is
 * welcomed under one configured role with a fresh random authid in Crossbar's style
 * ({@code XXXX-XXXX-XXXX-XXXX-XXXX-XXXX}). An authid the client proposes is ignored, as Crossbar
 * does, so that an anonymous client cannot pose as someone.
 */
public final class AnonymousAuthenticator implements Authenticator {

    /** The method name on the wire. */
    public static final String METHOD = "anonymous";

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String role;

    public AnonymousAuthenticator(String role) {
        this.role = Objects.requireNonNull(role, "role");
    }

    @Override
    public String authmethod() {
        return METHOD;
    }

    @Override
    public Uni<AuthStep> onHello(String realm, Map<String, Object> helloDetails, TransportInfo transport, long sessionId) {
        Principal principal = new Principal(randomAuthid(), role, METHOD, "static", Map.of());
        return Uni.createFrom().item(new AuthStep.Accept(principal));
    }

    /** A random authid of six groups of four base32 characters. */
    static String randomAuthid() {
        StringBuilder id = new StringBuilder(29);
        for (int group = 0; group < 6; group++) {
            if (group > 0) {
                id.append('-');
            }
            for (int i = 0; i < 4; i++) {
                id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
            }
        }
        return id.toString();
    }
}
