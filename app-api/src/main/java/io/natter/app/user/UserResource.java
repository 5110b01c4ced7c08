package io.natter.app.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.natter.app.api.ApiException;
import io.natter.app.security.LoginThrottle;
import io.natter.app.security.Passwords;
import io.natter.app.security.Secret;
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

/** Users, login and token rotation (the workshop's lesson-4 app). Blocking methods: worker threads. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserResource {

    private final UserService users;
    private final Authn authn;
    private final LoginThrottle throttle;
    private final Passwords passwords;

    UserResource(UserService users, Authn authn, LoginThrottle throttle, Passwords passwords) {
        this.users = users;
        this.authn = authn;
        this.throttle = throttle;
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
    public record CreatedUser(String name, String password, String token) {
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

    /** A token, shown once. */
    public record TokenAnswer(String token) {
        @Override
        public String toString() {
            return "TokenAnswer[hidden]";
        }
    }

    @POST
    @Path("/users")
    @Operation(summary = "Create a user; a password is generated when none is given")
    public Response create(NewUser body) {
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
        Secret password = generated ? passwords.generate() : Secret.of(body.password());
        Secret token = users.create(body.name(), password);
        return Response.status(201)
                .entity(new CreatedUser(body.name(), generated ? password.reveal() : null, token.reveal()))
                .build();
    }

    @POST
    @Path("/login")
    @Operation(summary = "Exchange name and password for a new token (the previous token stops working)")
    public TokenAnswer login(Credentials body, @Context HttpServerRequest request) {
        if (body == null || body.name() == null) {
            throw ApiException.badField("name", "name is required");
        }
        if (body.password() == null) {
            throw ApiException.badField("password", "password is required");
        }
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        long wait = throttle.retryAfterSeconds(body.name(), address);
        if (wait > 0) {
            throw ApiException.tooManyRequests("too many failed logins, retry later", wait);
        }
        // Over-long input is refused as a wrong login, not checked: bcrypt reads only 72 bytes anyway.
        Secret token = body.password().length() > 128 ? null : users.login(body.name(), Secret.of(body.password()));
        if (token == null) {
            throttle.failed(body.name(), address);
            throw ApiException.unauthorized("wrong name or password");
        }
        return new TokenAnswer(token.reveal());
    }

    @POST
    @Path("/token")
    @Operation(summary = "Replace the caller's token; the old one stops working")
    @SecurityRequirement(name = "bearer")
    public TokenAnswer rotate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String name = authn.caller(authorization);
        return new TokenAnswer(users.replaceToken(name, "rotate").reveal());
    }
}
