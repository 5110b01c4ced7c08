package io.natter.app.user;

import io.natter.app.api.ApiException;
import io.natter.app.security.Bearer;
import jakarta.enterprise.context.ApplicationScoped;

/** Authenticates REST callers by their user token ({@code Authorization: Bearer <token>}). */
@ApplicationScoped
public class Authn {

    private final UserService users;

    Authn(UserService users) {
        this.users = users;
    }

    /** The caller's user name; 401 without a valid token. */
    public String caller(String authorization) {
        return authenticate(authorization).name();
    }

    /** The caller's user name and token id; 401 without a valid token. */
    public Caller authenticate(String authorization) {
        String token = Bearer.credential(authorization);
        if (token == null || token.length() > 200) {
            throw ApiException.unauthorized("a bearer token is required");
        }
        Caller caller = users.authenticate(token);
        if (caller == null) {
            throw ApiException.unauthorized("invalid token");
        }
        return caller;
    }
}
