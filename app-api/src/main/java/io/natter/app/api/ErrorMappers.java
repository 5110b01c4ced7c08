package io.natter.app.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.natter.app.store.StoreUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code {error, message}} JSON with its status. Nothing of an
 * exception's text or trace reaches the client except the messages this service wrote itself.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder r = json(e.status(), e.body());
        if (e.retryAfterSeconds() > 0) {
            r.header("Retry-After", e.retryAfterSeconds());
        }
        if (e.status() == 401) {
            r.header("WWW-Authenticate", "Bearer");
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response storeDown(StoreUnavailableException e) {
        // The cause's message may carry the JDBC URL; log only its class.
        LOG.warnf("database unavailable: %s", e.getCause() == null ? "?" : e.getCause().getClass().getName());
        return api(ApiException.unavailable("database unavailable, retry later"));
    }

    @ServerExceptionMapper
    public Response badJson(JsonParseException e) {
        return json(400, ApiError.of("bad_request", "body is not valid JSON")).build();
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return badMapping(e);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e) {
        return badMapping(e);
    }

    @ServerExceptionMapper
    public Response processing(JsonProcessingException e) {
        return json(400, ApiError.of("bad_request", "body is not valid JSON")).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // The JSON reader reports a syntax error as a plain 400 with the parser's exception as cause.
        if (e.getCause() instanceof JsonMappingException mapping) {
            return badMapping(mapping);
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return json(400, ApiError.of("bad_request", "body is not valid JSON")).build();
        }
        int status = e.getResponse().getStatus();
        String error = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal" : "error";
        };
        String message = status >= 500 ? "internal error"
                : Response.Status.fromStatusCode(status) == null ? "request refused"
                : Response.Status.fromStatusCode(status).getReasonPhrase().toLowerCase();
        return json(status, ApiError.of(error, message)).build();
    }

    @ServerExceptionMapper
    public Response bug(Exception e) {
        LOG.error("unexpected failure", e);
        return json(500, ApiError.of("internal", "internal error")).build();
    }

    private static Response badMapping(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
        return json(400, new ApiError("bad_request", "body does not have the expected shape",
                field.isEmpty() ? null : field)).build();
    }

    private static Response.ResponseBuilder json(int status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }
}
