package io.natter.app.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.natter.app.api.ApiException;
import io.natter.app.security.LoginThrottle;
import io.natter.app.security.Passwords;
import io.natter.wamp.auth.Secret;
import io.natter.app.security.SignupThrottle;
import io.natter.app.store.Outbox.RevokeReason;
import io.natter.app.user.UserService.NewToken;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Users, login, logout and token rotation (the workshop's lesson-4 app, with a token per device).
 * Blocking methods: worker threads.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserResource {

    private final UserService users;
    private final Authn authn;
    private final LoginThrottle throttle;
    private final SignupThrottle signups;
    private final Passwords passwords;

    UserResource(UserService users, Authn authn, LoginThrottle throttle, SignupThrottle signups, Passwords passwords) {
        this.users = users;
        this.authn = authn;
        this.throttle = throttle;
        this.signups = signups;
        this.passwords = passwords;
    }

    /** Body of {@code POST /api/users}. */
    public record NewUser(String name, String password) {
        @Override
        public String toString() {
            return "NewUser[name=" + name + "]";
        }
    }

    /** Answer of {@code POST /api/users}: the password only when generated; the token shown once. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreatedUser(String name, String password, String token,
                              @JsonProperty("token_id") String tokenId) {
        @Override
        public String toString() {
            return "CreatedUser[name=" + name + "]";
        }
    }

    /** Body of {@code POST /api/login}. */
    public record Credentials(String name, String password) {
        @Override
        public String toString() {
            return "Credentials[name=" + name + "]";
        }
    }

    /** A token, shown once, and its id. */
    public record TokenAnswer(String token, @JsonProperty("token_id") String tokenId) {
        static TokenAnswer of(NewToken issued) {
            return new TokenAnswer(issued.token().reveal(), issued.tokenId());
        }

        @Override
        public String toString() {
            return "TokenAnswer[token_id=" + tokenId + "]";
        }
    }

    @POST
    @Path("/users")
    @Operation(summary = "Create a user; a password is generated when none is given")
    public Response create(NewUser body, @Context HttpServerRequest request) {
        if (body == null) {
            throw ApiException.badField("name", "a JSON body with 'name' is required");
        }
        if (!Names.valid(body.name())) {
            throw ApiException.badField("name", "name must be 1-32 of a-z, 0-9, '_' and '-'");
        }
        boolean generated = body.password() == null;
        if (!generated && (body.password().length() < 8 || body.password().length() > 128)) {
            throw ApiException.badField("password", "password must be 8-128 characters");
        }
        long wait = signups.begin(clientAddress(request));
        if (wait > 0) {
            throw ApiException.tooManyRequests("too many sign-ups from this address, retry later", wait);
        }
        Secret password = generated ? passwords.generate() : Secret.of(body.password());
        NewToken issued = users.create(body.name(), password);
        return Response.status(201)
                .entity(new CreatedUser(body.name(), generated ? password.reveal() : null,
                        issued.token().reveal(), issued.tokenId()))
                .build();
    }

    @POST
    @Path("/login")
    @Operation(summary = "Exchange name and password for a new token of this device (the user's others keep working)")
    public TokenAnswer login(Credentials body, @Context HttpServerRequest request) {
        if (body == null || body.name() == null) {
            throw ApiException.badField("name", "name is required");
        }
        if (body.password() == null) {
            throw ApiException.badField("password", "password is required");
        }
        // A name that cannot exist is bad input, not a failed login: no hash, no count.
        if (!Names.valid(body.name())) {
            throw ApiException.badField("name", "name must be 1-32 of a-z, 0-9, '_' and '-'");
        }
        String address = clientAddress(request);
        long wait = throttle.begin(body.name(), address);
        if (wait > 0) {
            throw ApiException.tooManyRequests("too many failed logins, retry later", wait);
        }
        NewToken issued;
        try {
            // Over-long input is refused as a wrong login, not checked: bcrypt reads only 72 bytes anyway.
            issued = body.password().length() > 128 ? null : users.login(body.name(), Secret.of(body.password()));
        } catch (RuntimeException e) {
            throttle.abandoned(body.name(), address);
            throw e;
        }
        if (issued == null) {
            throw ApiException.unauthorized("wrong name or password");
        }
        throttle.succeeded(body.name(), address);
        return TokenAnswer.of(issued);
    }

    @POST
    @Path("/token")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Replace the caller's token; the old one stops working (token.revoked, reason rotate)")
    @SecurityRequirement(name = "bearer")
    public TokenAnswer rotate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return TokenAnswer.of(users.rotate(authn.authenticate(authorization)));
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Revoke the caller's token (token.revoked, reason logout); the user's others keep working")
    @SecurityRequirement(name = "bearer")
    public Response logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Caller caller = authn.authenticate(authorization);
        if (!users.revoke(caller.name(), caller.tokenId(), RevokeReason.LOGOUT)) {
            throw ApiException.unauthorized("invalid token");
        }
        return Response.noContent().build();
    }

    private static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
