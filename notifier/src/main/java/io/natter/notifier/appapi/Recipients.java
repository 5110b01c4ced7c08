package io.natter.notifier.appapi;

import io.natter.notifier.config.NotifierConfig;
import io.natter.wamp.auth.Secret;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Who receives a notification, from app-api's internal API with the service credential, non-blocking:
 * {@code GET /internal/users/{name}} (204 / 404) and {@code GET /internal/threads/{thread}/members}
 * ({@code {members}} / 404), and {@code POST /internal/notifications} to keep a notification in the
 * recipients' inboxes. A future holding {@code Optional.empty()} means "no such user or thread"
 * (the message is refused); a failed one means app-api could not say (the message waits). Thread-safe.
 */
@ApplicationScoped
public class Recipients {

    private static final Logger LOG = Logger.getLogger(Recipients.class);

    private final WebClient web;
    private final String base;
    private final Secret credential;
    private final boolean configured;
    private final long timeoutMillis;

    Recipients(Vertx vertx, NotifierConfig config) {
        this.base = config.app().url().toString().replaceAll("/+$", "");
        this.configured = config.internal().credential().isPresent();
        this.credential = config.internal().credential().orElse(Secret.of("-"));
        this.timeoutMillis = config.app().timeout().toMillis();
        this.web = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) timeoutMillis)
                .setKeepAlive(true)
                .setUserAgent("natter-notifier"));
    }

    void start(@Observes StartupEvent event) {
        if (!configured) {
            LOG.warn("natter.internal.credential (NATTER_INTERNAL_CREDENTIAL) is not set: no recipient can be "
                    + "checked, notifications wait on RabbitMQ until it is");
        }
    }

    @PreDestroy
    void close() {
        web.close();
    }

    /** {@code [name]} when the user exists, empty when not. Names reaching here are valid (no escaping needed). */
    public Future<Optional<List<String>>> user(String name) {
        return get("/internal/users/" + name).map(r -> switch (r.statusCode()) {
            case 200, 204 -> Optional.of(List.of(name));
            case 404 -> Optional.<List<String>>empty();
            default -> throw unexpected(r.statusCode());
        });
    }

    /** The thread's members, empty when the thread does not exist. */
    public Future<Optional<List<String>>> members(String thread) {
        return get("/internal/threads/" + thread + "/members").map(r -> switch (r.statusCode()) {
            case 200 -> {
                JsonArray array = r.bodyAsJsonObject().getJsonArray("members");
                List<String> names = new ArrayList<>();
                for (Object o : array) {
                    names.add((String) o);
                }
                yield Optional.of(List.copyOf(names));
            }
            case 404 -> Optional.<List<String>>empty();
            default -> throw unexpected(r.statusCode());
        });
    }

    /**
     * {@code POST /internal/notifications {recipients, notification}}: app-api keeps the notification
     * in each recipient's inbox (idempotent by id), so a user offline now finds it later.
     */
    public Future<Void> keep(List<String> users, Map<String, Object> payload) {
        if (!configured) {
            return Future.failedFuture(new IllegalStateException("NATTER_INTERNAL_CREDENTIAL is not set"));
        }
        JsonObject body = new JsonObject().put("recipients", new JsonArray(users))
                .put("notification", new JsonObject(payload));
        return web.postAbs(base + "/internal/notifications")
                .putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + credential.reveal())
                .timeout(timeoutMillis)
                .sendJsonObject(body)
                .recover(e -> Future.failedFuture(new IllegalStateException("app-api did not answer: "
                        + e.getClass().getSimpleName())))
                .map(r -> {
                    if (r.statusCode() != 204 && r.statusCode() != 200) {
                        throw unexpected(r.statusCode());
                    }
                    return null;
                });
    }

    private Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> get(String path) {
        if (!configured) {
            return Future.failedFuture(new IllegalStateException("NATTER_INTERNAL_CREDENTIAL is not set"));
        }
        return web.getAbs(base + path)
                .putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + credential.reveal())
                .timeout(timeoutMillis)
                .send()
                .recover(e -> Future.failedFuture(new IllegalStateException("app-api did not answer: "
                        + e.getClass().getSimpleName())));
    }

    private static IllegalStateException unexpected(int status) {
        return new IllegalStateException("app-api answered " + status
                + (status == 401 || status == 403 ? ": check NATTER_INTERNAL_CREDENTIAL on both sides" : ""));
    }
}
