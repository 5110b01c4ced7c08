package io.natter.authenticator.appapi;

import io.natter.authenticator.config.AuthenticatorConfig;
import io.natter.wamp.auth.Secret;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * app-api's internal API over a non-blocking Vert.x {@link WebClient}: every call presents the
 * service credential and ends within {@code natter.app.timeout} (connect included), so a stopped
 * or slow app-api turns into an {@link AppApiUnavailable} failure, never a wait. Results complete
 * on a Vert.x event loop; nothing here blocks.
 */
@ApplicationScoped
public class AppApi implements UserDirectory {

    private static final Logger LOG = Logger.getLogger(AppApi.class);

    private final WebClient web;
    private final String base;
    private final Secret credential;
    private final long timeoutMillis;

    AppApi(Vertx vertx, AuthenticatorConfig config) {
        this.timeoutMillis = config.app().timeout().toMillis();
        this.base = config.app().url().toString().replaceAll("/+$", "");
        this.credential = config.internal().credential();
        this.web = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) timeoutMillis)
                .setKeepAlive(true)
                .setMaxPoolSize(32)
                .setUserAgent("natter-authenticator"));
    }

    @PreDestroy
    void close() {
        web.close();
    }

    /**
     * {@code GET /internal/auth/{authid}?token_id=}: the material of that user's token, or empty
     * when app-api knows no such user or no such live token of that user.
     */
    @Override
    public Future<Optional<CraMaterial>> auth(String authid, String tokenId) {
        return send(get("/internal/auth/" + segment(authid)).addQueryParam("token_id", tokenId))
                .map(response -> switch (response.statusCode()) {
                    case 200 -> Optional.of(material(response));
                    case 404 -> Optional.empty();
                    case 400 -> {
                        LOG.warnf("app-api refused an auth query as malformed (400) for authid %s", authid);
                        yield Optional.empty();
                    }
                    default -> throw unexpected(response);
                });
    }

    /** {@code GET /internal/access/{thread}/{authid}}: whether {@code authid} is a member of {@code thread}. */
    @Override
    public Future<Boolean> isMember(String thread, String authid) {
        return send(get("/internal/access/" + segment(thread) + "/" + segment(authid)))
                .map(response -> switch (response.statusCode()) {
                    case 204, 200 -> true;
                    case 404 -> false;
                    default -> throw unexpected(response);
                });
    }

    private HttpRequest<Buffer> get(String path) {
        return web.getAbs(base + path)
                .putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + credential.reveal())
                .putHeader(HttpHeaders.ACCEPT.toString(), "application/json")
                .timeout(timeoutMillis);
    }

    private Future<HttpResponse<Buffer>> send(HttpRequest<Buffer> request) {
        return request.send().recover(failure -> Future.failedFuture(
                new AppApiUnavailable("app-api did not answer: " + describe(failure, timeoutMillis))));
    }

    private static CraMaterial material(HttpResponse<Buffer> response) {
        try {
            JsonObject body = response.bodyAsJsonObject();
            String secret = body.getString("secret");
            String salt = body.getString("salt");
            Integer iterations = body.getInteger("iterations");
            Integer keylen = body.getInteger("keylen");
            if (secret == null || secret.isEmpty() || salt == null || iterations == null || keylen == null) {
                throw new AppApiUnavailable("app-api's auth answer misses secret, salt, iterations or keylen");
            }
            return new CraMaterial(Secret.of(secret), salt, iterations, keylen);
        } catch (RuntimeException e) {
            if (e instanceof AppApiUnavailable unavailable) {
                throw unavailable;
            }
            // The body holds a secret: name the failure's type only.
            throw new AppApiUnavailable("app-api's auth answer is not valid JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static AppApiUnavailable unexpected(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            return new AppApiUnavailable("app-api refused the service credential (" + status
                    + "): check NATTER_INTERNAL_CREDENTIAL on both sides");
        }
        return new AppApiUnavailable("app-api answered " + status);
    }

    /** Why a request failed, without its URL (which names the user and the token id). */
    private static String describe(Throwable failure, long timeoutMillis) {
        if (failure instanceof java.util.concurrent.TimeoutException
                || failure.getClass().getSimpleName().contains("Timeout")) {
            return "no answer within " + timeoutMillis + " ms";
        }
        if (failure instanceof java.net.ConnectException) {
            return "cannot connect (" + failure.getMessage() + ")";
        }
        return failure.getClass().getSimpleName();
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
