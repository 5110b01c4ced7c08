package io.natter.router.access;

import java.util.Map;
import java.util.Objects;

/**
 * Who a session is once authentication succeeded: the values WELCOME announces and the meta API
 * reports ({@code authid}, {@code authrole}, {@code authmethod}, {@code authprovider},
 * {@code authextra}).
 */
public record Principal(String authid, String authrole, String authmethod, String authprovider, Map<String, Object> authextra) {

    public Principal {
        Objects.requireNonNull(authid, "authid");
        Objects.requireNonNull(authrole, "authrole");
        Objects.requireNonNull(authmethod, "authmethod");
        Objects.requireNonNull(authprovider, "authprovider");
        authextra = authextra == null ? Map.of() : Map.copyOf(authextra);
    }
}
