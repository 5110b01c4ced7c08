package io.natter.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natter.app.config.AppConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses over-long URIs (414) and over-large bodies (413) with the JSON error body, before any
 * resource runs. Quarkus' own checks answer these with an empty body, so this route runs ahead
 * of them: its URI limit lies below the HTTP codec's initial-line limit (raised in
 * {@code application.properties} for that reason); it sees the {@code Content-Length} before
 * Quarkus' body-size route does; and a body without length (chunked) is read here, within the
 * limit, by Vert.x' body handler, whose buffer the REST layer then reads instead of the stream.
 */
@ApplicationScoped
public class HttpLimits {

    /** Just ahead of Quarkus' upload-limit route (order -2). */
    static final int ORDER = -3;

    private final int maxUriLength;
    private final long maxBodySize;
    private final byte[] uriTooLong;
    private final byte[] bodyTooLarge;
    private final BodyHandler chunkedBodies;

    HttpLimits(AppConfig config, ObjectMapper json,
               @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBody) {
        this.maxUriLength = config.http().maxUriLength();
        this.maxBodySize = maxBody.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBody.isPresent() ? maxBodySize : -1);
        try {
            this.uriTooLong = json.writeValueAsBytes(ApiError.of("uri_too_long",
                    "request URI longer than " + maxUriLength + " characters"));
            this.bodyTooLarge = json.writeValueAsBytes(ApiError.of("payload_too_large",
                    "request body larger than " + maxBodySize + " bytes"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check).failureHandler(this::failed);
    }

    /** The body handler found a chunked body too large. */
    private void failed(RoutingContext rc) {
        if (rc.statusCode() == 413 && !rc.response().headWritten()) {
            refuse(rc, 413, bodyTooLarge);
        } else {
            rc.next();
        }
    }

    private void check(RoutingContext rc) {
        if (rc.request().uri().length() > maxUriLength) {
            refuse(rc, 414, uriTooLong);
            return;
        }
        String length = rc.request().getHeader("Content-Length");
        if (length != null && tooLarge(length)) {
            refuse(rc, 413, bodyTooLarge);
            return;
        }
        // Without a length (chunked) the size shows only while reading. (HTTP/2 is off: see application.properties.)
        if (length == null && rc.request().headers().contains("Transfer-Encoding")) {
            chunkedBodies.handle(rc);
            return;
        }
        rc.next();
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false; // the HTTP codec refuses a malformed length itself
        }
    }

    /** Answers and closes: the unread body (or the rest of the request) is not worth reading. */
    private static void refuse(RoutingContext rc, int status, byte[] body) {
        HttpServerResponse r = rc.response();
        r.setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Connection", "close");
        r.end(Buffer.buffer(body)).onComplete(done -> rc.request().connection().close());
    }
}
