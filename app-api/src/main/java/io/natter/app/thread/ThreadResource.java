package io.natter.app.thread;

import io.natter.app.api.ApiException;
import io.natter.app.thread.MessageService.StoredMessage;
import io.natter.app.thread.ThreadService.ReadMarker;
import io.natter.app.thread.ThreadService.ThreadDetails;
import io.natter.app.thread.ThreadService.ThreadListing;
import io.natter.app.thread.ThreadService.ThreadSummary;
import io.natter.app.user.Authn;
import io.natter.app.user.Names;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Threads, membership and message history; every method needs a user token. Worker threads. */
@Path("/api/threads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "threads")
@SecurityRequirement(name = "bearer")
public class ThreadResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;
    private static final int MAX_TITLE = 200;

    private final Authn authn;
    private final ThreadService threads;
    private final MessageService messages;

    ThreadResource(Authn authn, ThreadService threads, MessageService messages) {
        this.authn = authn;
        this.threads = threads;
        this.messages = messages;
    }

    /** Body of {@code POST /api/threads}. */
    public record NewThread(String title) {
    }

    /** Body of {@code POST /api/threads/{thread}/members}. */
    public record NewMember(String name) {
    }

    /** Answer of a grant. */
    public record Membership(String thread, String name) {
    }

    /** Body of {@code POST /api/threads/{thread}/read}; no {@code seq}: everything so far. */
    public record ReadUpTo(Long seq) {
    }

    /** A page of history. */
    public record History(String thread, List<StoredMessage> messages) {
    }

    @POST
    @Operation(summary = "Open a thread; its permalink is made from the title and the caller owns it")
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, NewThread body) {
        String caller = authn.caller(authorization);
        String title = body == null || body.title() == null ? "" : body.title().strip();
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            throw ApiException.badField("title", "title must be 1-" + MAX_TITLE + " characters, not blank");
        }
        // PostgreSQL text cannot hold NUL; refused here rather than failing in the database.
        if (title.indexOf('\0') >= 0) {
            throw ApiException.badField("title", "title must not contain NUL");
        }
        ThreadSummary created = threads.create(caller, title);
        return Response.status(201).entity(created).build();
    }

    @GET
    @Operation(summary = "The caller's threads, with the latest sequence and the caller's unread count of each")
    public List<ThreadListing> mine(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return threads.threadsOf(authn.caller(authorization));
    }

    @GET
    @Path("/{thread}")
    @Operation(summary = "A thread's details and members (members only)")
    public ThreadDetails details(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 @PathParam("thread") String thread) {
        String caller = authn.caller(authorization);
        return threads.details(requireThread(thread), caller);
    }

    @POST
    @Path("/{thread}/members")
    @Operation(summary = "Grant a user access (owner only); 201 when added, 200 when already a member")
    public Response grant(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @PathParam("thread") String thread, NewMember body) {
        String caller = authn.caller(authorization);
        requireThread(thread);
        if (body == null || !Names.valid(body.name())) {
            throw ApiException.badField("name", "name must be a user name");
        }
        boolean added = threads.grant(thread, caller, body.name());
        return Response.status(added ? 201 : 200).entity(new Membership(thread, body.name())).build();
    }

    @DELETE
    @Path("/{thread}/members/{name}")
    @Operation(summary = "Revoke a user's access (owner only)")
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @PathParam("thread") String thread, @PathParam("name") String name) {
        String caller = authn.caller(authorization);
        requireThread(thread);
        if (!Names.valid(name)) {
            throw ApiException.badField("name", "name must be a user name");
        }
        threads.revoke(thread, caller, name);
        return Response.noContent().build();
    }

    @POST
    @Path("/{thread}/read")
    @Operation(summary = "Move the caller's read marker forward (to seq, or to the latest message); members only")
    public ReadMarker read(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @PathParam("thread") String thread, ReadUpTo body) {
        String caller = authn.caller(authorization);
        requireThread(thread);
        Long seq = body == null ? null : body.seq();
        if (seq != null && seq < 0) {
            throw ApiException.badField("seq", "seq must be an integer in 0.." + Long.MAX_VALUE);
        }
        return threads.markRead(thread, caller, seq);
    }

    @GET
    @Path("/{thread}/messages")
    @Operation(summary = "Message history by sequence number (members only)")
    public History history(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @PathParam("thread") String thread,
                           @QueryParam("before") String before, @QueryParam("after") String after,
                           @QueryParam("limit") String limit) {
        String caller = authn.caller(authorization);
        requireThread(thread);
        // Query parameters are parsed here rather than by the framework so a bad one names its field.
        Long b = seq("before", before);
        Long a = seq("after", after);
        int l = limit == null ? DEFAULT_LIMIT : Math.toIntExact(number("limit", limit, 1, MAX_LIMIT));
        return new History(thread, messages.history(thread, caller, b, a, l));
    }

    private static String requireThread(String thread) {
        if (!Permalinks.valid(thread)) {
            throw ApiException.notFound("no such thread");
        }
        return thread;
    }

    private static Long seq(String field, String value) {
        return value == null ? null : number(field, value, 0, Long.MAX_VALUE);
    }

    private static long number(String field, String value, long min, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the same answer as out of range
        }
        throw ApiException.badField(field, field + " must be an integer in " + min + ".." + max);
    }
}
