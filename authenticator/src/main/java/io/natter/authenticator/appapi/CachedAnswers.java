package io.natter.authenticator.appapi;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.natter.authenticator.config.AuthenticatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * app-api's answers ({@link UserDirectory}), reused for a short while: a user's WAMP-CRA material per token (or its
 * absence) for {@code natter.cache.auth-ttl}, thread membership (yes or no) for
 * {@code natter.cache.access-ttl}. Each cache is bounded ({@code natter.cache.max-entries}).
 *
 * <p>Concurrency: the caches are Caffeine {@link AsyncCache}s, thread-safe, holding the future of
 * each answer, so concurrent questions about the same key make one request. A failed request is
 * not kept (the next question asks again). {@link #forgetMembership} and {@link #forgetToken}
 * remove an entry at once, in flight or not; a request in flight when its entry is removed
 * still answers the callers already waiting for it, but its answer is not kept. A revoked token
 * is also remembered for {@code natter.cache.revoked-token-memory} and refused whatever an older
 * answer says.
 */
@ApplicationScoped
public class CachedAnswers {

    /** A user's token. */
    record TokenKey(String authid, String tokenId) {
    }

    /** A user's membership of a thread. */
    record AccessKey(String thread, String authid) {
    }

    private final UserDirectory directory;
    private final AsyncCache<TokenKey, Optional<CraMaterial>> auth;
    private final AsyncCache<AccessKey, Boolean> access;
    private final Cache<TokenKey, Boolean> revokedTokens;

    @Inject
    CachedAnswers(UserDirectory directory, AuthenticatorConfig config, MeterRegistry registry) {
        this(directory, config.cache(), registry);
    }

    CachedAnswers(UserDirectory directory, AuthenticatorConfig.Cache settings, MeterRegistry registry) {
        this.directory = directory;
        // Caffeine's maintenance is cheap; running it on the calling thread keeps it off the common pool.
        this.auth = Caffeine.newBuilder().executor(Runnable::run)
                .expireAfterWrite(settings.authTtl()).maximumSize(settings.maxEntries()).buildAsync();
        this.access = Caffeine.newBuilder().executor(Runnable::run)
                .expireAfterWrite(settings.accessTtl()).maximumSize(settings.maxEntries()).buildAsync();
        this.revokedTokens = Caffeine.newBuilder().executor(Runnable::run)
                .expireAfterWrite(settings.revokedTokenMemory()).maximumSize(settings.maxEntries()).build();
        registry.gauge("natter.authenticator.cache.entries", Tags.of("cache", "auth"), auth, c -> c.synchronous().estimatedSize());
        registry.gauge("natter.authenticator.cache.entries", Tags.of("cache", "access"), access, c -> c.synchronous().estimatedSize());
    }

    /** The material of {@code authid}'s token {@code tokenId}, or empty: no such user, token or a revoked one. */
    public Future<Optional<CraMaterial>> auth(String authid, String tokenId) {
        TokenKey key = new TokenKey(authid, tokenId);
        if (revokedTokens.getIfPresent(key) != null) {
            return Future.succeededFuture(Optional.empty());
        }
        return cached(auth, key, () -> directory.auth(authid, tokenId))
                .map(answer -> revokedTokens.getIfPresent(key) != null ? Optional.<CraMaterial>empty() : answer);
    }

    /** Whether {@code authid} is a member of {@code thread}. */
    public Future<Boolean> isMember(String thread, String authid) {
        return cached(access, new AccessKey(thread, authid), () -> directory.isMember(thread, authid));
    }

    /** Drops what is known of {@code authid}'s membership of {@code thread}. */
    public void forgetMembership(String thread, String authid) {
        access.synchronous().invalidate(new AccessKey(thread, authid));
    }

    /** Drops the material of a revoked token and refuses that token from now on. */
    public void forgetToken(String authid, String tokenId) {
        TokenKey key = new TokenKey(authid, tokenId);
        revokedTokens.put(key, Boolean.TRUE);
        auth.synchronous().invalidate(key);
    }

    private static <K, V> Future<V> cached(AsyncCache<K, V> cache, K key, Supplier<Future<V>> request) {
        CompletableFuture<V> answer = cache.get(key, (k, executor) -> {
            CompletableFuture<V> pending = new CompletableFuture<>();
            request.get().onComplete(result -> {
                if (result.succeeded()) {
                    pending.complete(result.result());
                } else {
                    pending.completeExceptionally(result.cause());
                }
            });
            return pending;
        });
        Promise<V> promise = Promise.promise();
        answer.whenComplete((value, failure) -> {
            if (failure != null) {
                promise.fail(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            } else {
                promise.complete(value);
            }
        });
        return promise.future();
    }
}
