package io.natter.router.config;

import java.util.Objects;

/**
 * {@code anonymous} authentication ({@code "type": "static"}): every client gets {@code role}.
 *
 * @param role the role anonymous sessions get
 */
public record AnonymousAuthConfig(String role) {

    public AnonymousAuthConfig {
        Objects.requireNonNull(role, "role");
    }
}
