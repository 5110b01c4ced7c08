package io.natter.app.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natter.app.amqp.BrokerUnavailableException;
import io.natter.app.amqp.Rabbit;
import io.natter.app.amqp.Topology;
import io.natter.app.api.ApiException;
import io.natter.app.inbox.InboxService;
import io.natter.app.store.Db;
import io.natter.app.thread.Permalinks;
import io.natter.app.thread.ThreadService;
import io.natter.app.user.Authn;
import io.natter.app.user.Names;
import io.natter.app.user.UserService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The HTTP entry point for notifications: validates one and puts it on the topic exchange
 * {@code natter.notifications} (routing key {@code user.<name>} or {@code thread.<thread>}) for the
 * notifier, with a publisher confirm before answering 202.
 */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
@SecurityRequirement(name = "bearer")
public class NotificationResource {

    private static final int MAX_TITLE = 200;
    private static final int MAX_BODY = 4000;
    private static final int MAX_DATA = 16_384;

    private final Authn authn;
    private final Db db;
    private final Rabbit rabbit;
    private final Topology topology;
    private final ObjectMapper json;
    private final InboxService inbox;

    NotificationResource(Authn authn, Db db, Rabbit rabbit, Topology topology, ObjectMapper json, InboxService inbox) {
        this.inbox = inbox;
        this.authn = authn;
        this.db = db;
        this.rabbit = rabbit;
        this.topology = topology;
        this.json = json;
    }

    /** Body of {@code POST /api/notifications}: exactly one of {@code to_user} and {@code to_thread}. */
    public record NewNotification(@JsonProperty("to_user") String toUser, @JsonProperty("to_thread") String toThread,
                                  String title, String body, JsonNode data) {
    }

    /** What goes on RabbitMQ, in the shape the notifier forwards to {@code natter.notify.<user>}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Notification(String id, String title, String body, JsonNode data, String from, String ts) {
    }

    /** Answer: the notification's id. */
    public record Accepted(String id) {
    }

    @POST
    @Operation(summary = "Queue a notification for a user or for every member of a thread")
    public Response notify(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, NewNotification req) {
        String caller = authn.caller(authorization);
        String routingKey = validate(req);
        db.tx(c -> {
            if (req.toUser() != null && !UserService.exists(c, req.toUser())) {
                throw ApiException.notFound("no such user");
            }
            // Only members may notify a whole thread: otherwise anyone could write into any thread.
            if (req.toThread() != null && !ThreadService.isMember(c, req.toThread(), caller)) {
                throw ApiException.forbidden("not a member of this thread");
            }
            return null;
        });
        Notification n = new Notification(UUID.randomUUID().toString(), req.title(), req.body() == null ? "" : req.body(),
                req.data(), caller, Instant.now().toString());
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification not serializable", e);
        }
        try {
            rabbit.publish(List.of(new Rabbit.Outgoing(topology.notificationsExchange(), routingKey,
                    Rabbit.jsonProps(n.id()), bytes)), true);
        } catch (BrokerUnavailableException e) {
            throw ApiException.unavailable("notifications cannot be queued now, retry later");
        }
        return Response.accepted(new Accepted(n.id())).build();
    }

    /** Body of {@code POST /api/notifications/read}. */
    public record ReadRequest(List<String> ids) {
    }

    /** Answer of {@code POST /api/notifications/read}: how many were unread and are read now. */
    public record Marked(int marked) {
    }

    @GET
    @Operation(summary = "The caller's notifications (the inbox), newest first; ?unread=true for the unread ones only")
    public List<InboxService.Item> inbox(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                         @QueryParam("unread") String unread) {
        String caller = authn.caller(authorization);
        if (unread != null && !unread.equals("true") && !unread.equals("false")) {
            throw ApiException.badField("unread", "unread must be true or false");
        }
        return inbox.list(caller, "true".equals(unread));
    }

    @POST
    @Path("/read")
    @Operation(summary = "Marks the caller's notifications with these ids as read")
    public Marked read(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, ReadRequest req) {
        String caller = authn.caller(authorization);
        if (req == null || req.ids() == null || req.ids().isEmpty() || req.ids().size() > 1000
                || req.ids().stream().anyMatch(id -> id == null || id.isEmpty() || id.length() > 200)) {
            throw ApiException.badField("ids", "ids must be 1-1000 notification ids");
        }
        return new Marked(inbox.markRead(caller, req.ids()));
    }

    private String validate(NewNotification req) {
        if (req == null || (req.toUser() == null) == (req.toThread() == null)) {
            throw ApiException.badField("to_user", "exactly one of to_user and to_thread is required");
        }
        if (req.toUser() != null && !Names.valid(req.toUser())) {
            throw ApiException.badField("to_user", "to_user must be a user name");
        }
        if (req.toThread() != null && !Permalinks.valid(req.toThread())) {
            throw ApiException.badField("to_thread", "to_thread must be a thread permalink");
        }
        if (req.title() == null || req.title().isBlank() || req.title().length() > MAX_TITLE) {
            throw ApiException.badField("title", "title must be 1-" + MAX_TITLE + " characters, not blank");
        }
        if (req.body() != null && req.body().length() > MAX_BODY) {
            throw ApiException.badField("body", "body must be at most " + MAX_BODY + " characters");
        }
        if (req.data() != null && !req.data().isNull()
                && (!req.data().isObject() || req.data().toString().length() > MAX_DATA)) {
            throw ApiException.badField("data", "data must be a JSON object of at most " + MAX_DATA + " characters");
        }
        return req.toUser() != null ? "user." + req.toUser() : "thread." + req.toThread();
    }
}
