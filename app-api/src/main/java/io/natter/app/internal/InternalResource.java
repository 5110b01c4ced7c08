package io.natter.app.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.natter.app.api.ApiException;
import io.natter.app.config.AppConfig;
import io.natter.app.inbox.InboxService;
import io.natter.app.security.Bearer;
import io.natter.wamp.auth.Secret;
import io.natter.app.security.TokenKeys;
import io.natter.app.security.TokenKeys.StoredKey;
import io.natter.app.thread.Permalinks;
import io.natter.app.thread.ThreadService;
import io.natter.app.user.Names;
import io.natter.app.user.UserService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The authenticator's API: WAMP-CRA parameters of a user and thread membership. Every call
 * presents the service credential as {@code Authorization: Bearer}; without a configured
 * credential every call is refused.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class InternalResource {

    /** The role every Natter user has in the {@code natter} realm. */
    static final String USER_ROLE = "user";

    private final Secret credential;
    private final UserService users;
    private final ThreadService threads;
    private final InboxService inbox;

    InternalResource(AppConfig config, UserService users, ThreadService threads, InboxService inbox) {
        this.inbox = inbox;
        this.credential = config.internal().credential().orElse(null);
        this.users = users;
        this.threads = threads;
    }

    /** WAMP-CRA parameters; {@code secret} is the PBKDF2-derived key of the token {@code token_id}. */
    public record CraSecret(String authid, String role, String secret, String salt, int iterations, int keylen,
                            @JsonProperty("token_id") String tokenId) {
        @Override
        public String toString() {
            return "CraSecret[authid=" + authid + ", role=" + role + ", token_id=" + tokenId + "]";
        }
    }

    @GET
    @Path("/auth/{name}")
    @Operation(summary = "WAMP-CRA secret (derived key), salt and parameters of one active token of a user;"
            + " 404 when the user or that token of theirs is unknown, 400 without token_id")
    public CraSecret auth(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @PathParam("name") String name, @QueryParam("token_id") String tokenId) {
        requireService(authorization);
        if (tokenId == null || tokenId.isEmpty()) {
            throw ApiException.badField("token_id", "token_id is required");
        }
        // One answer for an unknown user and an unknown token: the caller learns nothing more.
        StoredKey key = Names.valid(name) && TokenKeys.validId(tokenId) ? users.storedKey(name, tokenId) : null;
        if (key == null) {
            throw ApiException.notFound("no such user or token");
        }
        return new CraSecret(name, USER_ROLE, key.derivedKey(), key.salt(), key.iterations(), key.keylen(), tokenId);
    }

    @GET
    @Path("/access/{thread}/{name}")
    @Operation(summary = "204 when the user is a member of the thread, 404 otherwise")
    public Response access(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @PathParam("thread") String thread, @PathParam("name") String name) {
        requireService(authorization);
        if (Permalinks.valid(thread) && Names.valid(name) && threads.isMember(thread, name)) {
            return Response.noContent().build();
        }
        throw ApiException.notFound("not a member");
    }

    /** Answer of {@code GET /internal/threads/{thread}/members}. */
    public record Members(List<String> members) {
    }

    @GET
    @Path("/threads/{thread}/members")
    @Operation(summary = "The members of a thread (the notifier's recipients of thread.<thread>); 404 unknown thread")
    public Members members(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @PathParam("thread") String thread) {
        requireService(authorization);
        List<String> names = Permalinks.valid(thread) ? threads.members(thread) : null;
        if (names == null) {
            throw ApiException.notFound("no such thread");
        }
        return new Members(names);
    }

    @GET
    @Path("/users/{name}")
    @Operation(summary = "204 when the user exists, 404 otherwise")
    public Response user(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("name") String name) {
        requireService(authorization);
        if (Names.valid(name) && users.exists(name)) {
            return Response.noContent().build();
        }
        throw ApiException.notFound("no such user");
    }

    /** Body of {@code POST /internal/notifications}: a notification the notifier is about to deliver, and to whom. */
    public record InboxEntry(List<String> recipients, InboxService.Item notification) {
    }

    /** Body of {@code POST /internal/notifications/batch}: several of them, kept in one transaction. */
    public record InboxBatch(List<InboxEntry> entries) {
    }

    /** Notifications in one batch at most (the body limit of 64 KiB bounds it too). */
    static final int MAX_BATCH = 500;
    /** Recipients of one notification, and of one batch, at most. */
    static final int MAX_RECIPIENTS = 100_000;

    @POST
    @Path("/notifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Keeps a notification in each recipient's inbox (idempotent by id); 204")
    public Response keep(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InboxEntry entry) {
        requireService(authorization);
        inbox.store(List.of(checked(entry, "notification")));
        return Response.noContent().build();
    }

    @POST
    @Path("/notifications/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Keeps up to 500 notifications in their recipients' inboxes in one transaction"
            + " (idempotent by id); 204, or 400 naming the first bad entry and keeping none")
    public Response keepAll(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InboxBatch batch) {
        requireService(authorization);
        if (batch == null || batch.entries() == null || batch.entries().isEmpty() || batch.entries().size() > MAX_BATCH) {
            throw ApiException.badField("entries", "1 to " + MAX_BATCH + " entries {recipients, notification}");
        }
        List<InboxService.Entry> entries = new ArrayList<>(batch.entries().size());
        long recipients = 0;
        for (int i = 0; i < batch.entries().size(); i++) {
            InboxService.Entry e = checked(batch.entries().get(i), "entries[" + i + "]");
            recipients += e.recipients().size();
            entries.add(e);
        }
        if (recipients > MAX_RECIPIENTS) {
            throw ApiException.badField("entries", "at most " + MAX_RECIPIENTS + " recipients in one batch");
        }
        inbox.store(entries);
        return Response.noContent().build();
    }

    /** The entry as the inbox keeps it (recipients with an invalid name dropped: no such user), or 400 on {@code field}. */
    private static InboxService.Entry checked(InboxEntry entry, String field) {
        InboxService.Item n = entry == null ? null : entry.notification();
        if (n == null || entry.recipients() == null || entry.recipients().size() > MAX_RECIPIENTS
                || n.id() == null || n.id().isEmpty() || n.id().length() > 200
                || n.title() == null || n.title().isEmpty() || n.title().length() > 200
                || (n.body() != null && n.body().length() > 4000) || n.ts() == null
                || (n.data() != null && !n.data().isNull() && !n.data().isObject())) {
            throw ApiException.badField(field, "a notification {id, title, body, data?, from?, ts} and recipients");
        }
        return new InboxService.Entry(entry.recipients().stream().filter(r -> r != null && Names.valid(r)).toList(),
                new InboxService.Item(n.id(), n.title(), n.body(), n.data(), n.from(), n.ts(), false));
    }

    private void requireService(String authorization) {
        if (credential == null || !credential.matches(Bearer.credential(authorization))) {
            throw ApiException.unauthorized("service credential required");
        }
    }
}
