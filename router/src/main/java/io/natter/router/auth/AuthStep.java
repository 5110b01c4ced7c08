package io.natter.router.auth;

import io.natter.router.access.Principal;

import io.natter.wamp.message.Authenticate;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.Objects;

/**
 * The next step of an opening handshake, as an {@link Authenticator} decides it: welcome the
 * client, challenge it (challenge-response methods such as wampcra), or refuse it with ABORT.
 */
public sealed interface AuthStep {

    /** Authentication succeeded: the router sends WELCOME. */
    record Accept(Principal principal) implements AuthStep {
        public Accept {
            Objects.requireNonNull(principal, "principal");
        }
    }

    /**
     * The router sends CHALLENGE({@code authmethod}, {@code extra}) and hands the client's
     * AUTHENTICATE to {@code verifier}, which decides the step after it.
     */
    record Challenge(String authmethod, Map<String, Object> extra, Verifier verifier) implements AuthStep {
        public Challenge {
            Objects.requireNonNull(authmethod, "authmethod");
            Objects.requireNonNull(verifier, "verifier");
            extra = extra == null ? Map.of() : Map.copyOf(extra);
        }
    }

    /** Authentication failed: the router sends ABORT({@code message}, {@code reason}) and closes. */
    record Reject(String reason, String message) implements AuthStep {
        public Reject {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Checks the client's answer to a CHALLENGE. */
    @FunctionalInterface
    interface Verifier {
        Uni<AuthStep> verify(Authenticate authenticate);
    }
}
