package io.natter.notifier.appapi;

import io.natter.notifier.config.NotifierConfig;
import io.natter.wamp.auth.Secret;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Who receives a notification, from app-api's internal API with the service credential, non-blocking:
 * {@code GET /internal/users/{name}} (204 / 404) and {@code GET /internal/threads/{thread}/members}
 * ({@code {members}} / 404), and {@code POST /internal/notifications/batch} to keep a notification in the
 * recipients' inboxes. A future holding {@code Optional.empty()} means "no such user or thread"
 * (the message is refused); a failed one means app-api could not say (the message waits). Thread-safe.
 *
 * <p>That a user exists is remembered for {@link #KNOWN_USER_TTL_SECONDS} (at most
 * {@link #MAX_KNOWN_USERS} names): users are not deleted, and one question less per notification
 * is one app-api round trip (and query) less on the path to the event. That a user does not exist is
 * never remembered (one may sign up any moment), nor are a thread's members (they change, and a
 * removed member must not get the thread's next notification).
 */
@ApplicationScoped
public class Recipients {

    private static final Logger LOG = Logger.getLogger(Recipients.class);

    private final WebClient web;
    private final String base;
    private final Secret credential;
    private final boolean configured;
    private final long timeoutMillis;
    /** User name → nanoTime until which its existence is trusted. */
    private final Map<String, Long> knownUsers = new ConcurrentHashMap<>();
    private final InboxBatches inbox = new InboxBatches(this::postBatch);

    /**
     * Connections to app-api at most (Vert.x's default is 5): the inbox batches in flight
     * ({@link InboxBatches#MAX_IN_FLIGHT}) and the recipient questions beside them.
     */
    static final int CONNECTIONS = 16;
    static final long KNOWN_USER_TTL_SECONDS = 10;
    static final int MAX_KNOWN_USERS = 10_000;

    @Inject
    Recipients(Vertx vertx, NotifierConfig config) {
        this(vertx, config.app().url().toString(), config.internal().credential(), config.app().timeout().toMillis());
    }

    Recipients(Vertx vertx, String base, Optional<Secret> credential, long timeoutMillis) {
        this.base = base.replaceAll("/+$", "");
        this.configured = credential.isPresent();
        this.credential = credential.orElse(Secret.of("-"));
        this.timeoutMillis = timeoutMillis;
        this.web = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) timeoutMillis)
                .setKeepAlive(true)
                .setMaxPoolSize(CONNECTIONS)
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
        Long until = knownUsers.get(name);
        if (until != null && until - System.nanoTime() > 0) {
            return Future.succeededFuture(Optional.of(List.of(name)));
        }
        return get("/internal/users/" + name).map(r -> switch (r.statusCode()) {
            case 200, 204 -> {
                remember(name);
                yield Optional.of(List.of(name));
            }
            case 404 -> Optional.<List<String>>empty();
            default -> throw unexpected(r.statusCode());
        });
    }

    private void remember(String name) {
        if (knownUsers.size() >= MAX_KNOWN_USERS) {
            knownUsers.clear(); // crude, and rare: the next questions go to app-api again
        }
        knownUsers.put(name, System.nanoTime() + TimeUnit.SECONDS.toNanos(KNOWN_USER_TTL_SECONDS));
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
     * Has app-api keep the notification in each recipient's inbox (idempotent by id), so a user
     * offline now finds it later: with the writes of other notifications in one
     * {@code POST /internal/notifications/batch} ({@link InboxBatches}).
     */
    public Future<Void> keep(List<String> users, Map<String, Object> payload) {
        if (!configured) {
            return notConfigured();
        }
        return inbox.keep(users, payload);
    }

    private Future<Void> postBatch(Buffer body) {
        return send(web.postAbs(base + "/internal/notifications/batch")
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json"), body)
                .map(r -> {
                    if (r.statusCode() != 204 && r.statusCode() != 200) {
                        throw unexpected(r.statusCode());
                    }
                    return null;
                });
    }

    private Future<HttpResponse<Buffer>> get(String path) {
        if (!configured) {
            return notConfigured();
        }
        return send(web.getAbs(base + path), null);
    }

    /** Sends {@code request} (with {@code body}, unless null) with the service credential and the timeout. */
    private Future<HttpResponse<Buffer>> send(HttpRequest<Buffer> request, Buffer body) {
        request.putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + credential.reveal()).timeout(timeoutMillis);
        return (body == null ? request.send() : request.sendBuffer(body))
                .recover(e -> Future.failedFuture(new IllegalStateException("app-api did not answer: "
                        + e.getClass().getSimpleName())));
    }

    private static <T> Future<T> notConfigured() {
        return Future.failedFuture(new IllegalStateException("NATTER_INTERNAL_CREDENTIAL is not set"));
    }

    private static IllegalStateException unexpected(int status) {
        return new IllegalStateException("app-api answered " + status
                + (status == 401 || status == 403 ? ": check NATTER_INTERNAL_CREDENTIAL on both sides" : ""));
    }
}
