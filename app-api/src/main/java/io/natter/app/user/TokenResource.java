package io.natter.app.user;

import io.natter.app.api.ApiException;
import io.natter.app.store.Outbox.RevokeReason;
import io.natter.app.user.UserService.TokenInfo;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's devices: their active tokens, listed by id and revoked one by one. Worker threads. */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
@SecurityRequirement(name = "bearer")
public class TokenResource {

    private final UserService users;
    private final Authn authn;

    TokenResource(UserService users, Authn authn) {
        this.users = users;
        this.authn = authn;
    }

    @GET
    @Operation(summary = "The caller's active tokens, oldest first; current marks the one this request presents")
    public List<TokenInfo> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Caller caller = authn.authenticate(authorization);
        return users.tokens(caller.name(), caller.tokenId());
    }

    @DELETE
    @Path("/{token_id}")
    @Operation(summary = "Revoke one of the caller's tokens (token.revoked, reason revoked); 404 when not the caller's")
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @PathParam("token_id") String tokenId) {
        Caller caller = authn.authenticate(authorization);
        if (!users.revoke(caller.name(), tokenId, RevokeReason.REVOKED)) {
            throw ApiException.notFound("no such token");
        }
        return Response.noContent().build();
    }
}
