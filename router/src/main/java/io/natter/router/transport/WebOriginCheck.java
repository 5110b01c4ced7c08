package io.natter.router.transport;

import io.natter.router.config.TransportOptions;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Applies the web transport's {@code allowed_origins} before the upgrade: a request whose
 * {@code Origin} matches no entry, or that has none where {@code allow_missing_origin} is false, is
 * refused with HTTP 403. Without a web transport in the config, every upgrade at {@code /ws} is
 * refused with 404.
 */
@ApplicationScoped
public class WebOriginCheck implements HttpUpgradeCheck {

    @Inject
    Transports transports;

    private volatile OriginPolicy policy;

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (transports.web() == null) {
            return CheckResult.rejectUpgrade(404);
        }
        return policy().permits(context.httpRequest().getHeader("Origin")) ? CheckResult.permitUpgrade() : CheckResult.rejectUpgrade(403);
    }

    private OriginPolicy policy() {
        OriginPolicy current = policy;
        if (current == null) {
            TransportOptions options = transports.web().config().options();
            current = new OriginPolicy(options.allowedOrigins(), options.allowMissingOrigin());
            policy = current;
        }
        return current;
    }
}
