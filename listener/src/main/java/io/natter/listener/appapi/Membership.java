package io.natter.listener.appapi;

import io.natter.listener.config.ListenerConfig;
import io.natter.wamp.auth.Secret;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Thread membership from app-api ({@code GET /internal/access/{thread}/{name}}: 204 member, 404
 * not) with the service credential, non-blocking, each answer reused for
 * {@code natter.listener.membership-ttl}. Concurrent questions about one key share one request;
 * failures are not kept. Thread-safe.
 */
@ApplicationScoped
public class Membership {

    private static final Logger LOG = Logger.getLogger(Membership.class);

    /** Entries kept at most; past it the cache is cleared (answers are cheap to ask again). */
    private static final int MAX_ENTRIES = 10_000;

    private record Key(String thread, String authid) {
    }

    private record Entry(Future<Boolean> answer, long expiresAt) {
    }

    private final WebClient web;
    private final String base;
    private final Secret credential;
    private final boolean configured;
    private final long timeoutMillis;
    private final long ttlNanos;
    private final ConcurrentHashMap<Key, Entry> cache = new ConcurrentHashMap<>();

    Membership(Vertx vertx, ListenerConfig config) {
        this.base = config.app().url().toString().replaceAll("/+$", "");
        this.configured = config.internal().credential().isPresent();
        this.credential = config.internal().credential().orElse(Secret.of("-"));

        this.timeoutMillis = config.app().timeout().toMillis();
        this.ttlNanos = config.listener().membershipTtl().toNanos();
        this.web = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) timeoutMillis)
                .setKeepAlive(true)
                .setUserAgent("natter-listener"));
    }

    void start(@Observes StartupEvent event) {
        if (!configured) {
            LOG.warn("natter.internal.credential (NATTER_INTERNAL_CREDENTIAL) is not set: natter.presence.list "
                    + "cannot check membership and answers natter.error.unavailable");
        }
    }

    @PreDestroy
    void close() {
        web.close();
    }

    /** Whether {@code authid} is a member of {@code thread}; fails when app-api cannot say. */
    public Future<Boolean> isMember(String thread, String authid) {
        if (!configured) {
            return Future.failedFuture(new IllegalStateException("NATTER_INTERNAL_CREDENTIAL is not set"));
        }
        Key key = new Key(thread, authid);
        long now = System.nanoTime();
        Entry entry = cache.get(key);
        if (entry != null && now - entry.expiresAt() < 0) {
            return entry.answer();
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        Future<Boolean> answer = ask(thread, authid);
        Entry fresh = new Entry(answer, now + ttlNanos);
        cache.put(key, fresh);
        answer.onFailure(e -> cache.remove(key, fresh));
        return answer;
    }

    private Future<Boolean> ask(String thread, String authid) {
        return web.getAbs(base + "/internal/access/" + segment(thread) + "/" + segment(authid))
                .putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + credential.reveal())
                .timeout(timeoutMillis)
                .send()
                .recover(e -> Future.failedFuture(new IllegalStateException("app-api did not answer: "
                        + e.getClass().getSimpleName())))
                .map(response -> switch (response.statusCode()) {
                    case 200, 204 -> true;
                    case 404 -> false;
                    default -> throw new IllegalStateException("app-api answered " + response.statusCode()
                            + (response.statusCode() == 401 || response.statusCode() == 403
                                    ? ": check NATTER_INTERNAL_CREDENTIAL on both sides" : ""));
                });
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
