package io.natter.router.config;

import io.natter.wamp.auth.Secret;
import java.util.Objects;

/**
 * A static ticket principal.
 *
 * @param ticket the ticket the client must send
 * @param role the role it gets
 */
public record TicketPrincipal(Secret ticket, String role) {

    public TicketPrincipal {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(role, "role");
    }
}
