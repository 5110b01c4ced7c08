package io.natter.wamp.quarkus;

import io.natter.wamp.client.SessionInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code wamp}: UP while the {@link WampSession} is joined (and what was asked
 * before the join is in place), DOWN otherwise. Data: {@code url} (without credentials),
 * {@code realm}, and {@code session} (the session ID) while joined.
 */
@Readiness
@ApplicationScoped
public class WampReadinessCheck implements HealthCheck {

    private final WampSession session;

    @Inject
    public WampReadinessCheck(WampSession session) {
        this.session = session;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = session.isJoined();
        SessionInfo info = session.info();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("wamp").status(up)
                .withData("url", WampSession.safeUrl(session.config().url()))
                .withData("realm", session.config().realm());
        if (up && info != null) {
            response.withData("session", info.sessionId());
        }
        return response.build();
    }
}
