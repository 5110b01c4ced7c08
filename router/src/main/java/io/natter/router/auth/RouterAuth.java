package io.natter.router.auth;

import io.natter.router.config.AuthConfig;
import io.natter.router.config.RealmConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * The router's authentication and authorization, wired once: builds each transport's
 * authenticators and each realm's authorizer from the configuration, and holds the HELLO rate
 * limiter all transports share. Dynamic authenticators and authorizers find their realm through
 * the {@link RealmRegistry} at call time.
 */
@ApplicationScoped
public class RouterAuth {

    @Inject
    AuthProperties properties;

    @Inject
    Instance<RealmLookup> registry;

    private volatile AuthSettings settings;
    private volatile HelloRateLimiter limiter;

    /** The authenticators of a transport with {@code auth}. */
    public List<Authenticator> forTransport(AuthConfig auth) {
        return new AuthenticatorFactory(settings()).forTransport(auth, realms());
    }

    /** The authorizer of a configured realm. */
    public RoleAuthorizers forRealm(RealmConfig realm) {
        return AuthorizerFactory.forRealm(realm, realms(), settings());
    }

    /** The HELLO rate limiter shared by every transport. */
    public HelloRateLimiter rateLimiter() {
        HelloRateLimiter current = limiter;
        if (current == null) {
            synchronized (this) {
                if (limiter == null) {
                    AuthProperties.RateLimit limits = properties.rateLimit();
                    limiter = new HelloRateLimiter(limits.perAddress(), limits.perAuthid(), limits.window(), limits.maxKeys(), System::nanoTime,
                            java.util.Set.copyOf(limits.exempt().orElse(List.of())));
                }
                current = limiter;
            }
        }
        return current;
    }

    /** The settings in force. */
    public AuthSettings settings() {
        AuthSettings current = settings;
        if (current == null) {
            synchronized (this) {
                if (settings == null) {
                    byte[] key = properties.fakeSaltKey().filter(k -> !k.isEmpty())
                            .map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(RouterAuth::randomKey);
                    settings = new AuthSettings(properties.timeout(), properties.authorizerTimeout(), properties.grantTtl(),
                            properties.grantMaxEntries(), key);
                }
                current = settings;
            }
        }
        return current;
    }

    private RealmLookup realms() {
        return name -> registry.get().find(name);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
