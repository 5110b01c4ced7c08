package io.natter.router.health;

import io.natter.router.transport.ConnectionGates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every listening socket counts its connections as they are accepted (the connection caps are in force). */
@Readiness
@ApplicationScoped
public class ConnectionCapsReadiness implements HealthCheck {

    @Inject
    ConnectionGates gates;

    @Override
    public HealthCheckResponse call() {
        Set<String> unguarded = gates.unguarded();
        return HealthCheckResponse.named("connection-caps")
                .status(unguarded.isEmpty())
                .withData("unguarded", String.join(",", unguarded))
                .build();
    }
}
