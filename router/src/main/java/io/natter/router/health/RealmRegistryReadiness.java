package io.natter.router.health;

import io.natter.router.realm.RealmRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the realm registry is built: the router can take sessions. */
@Readiness
@ApplicationScoped
public class RealmRegistryReadiness implements HealthCheck {

    @Inject
    RealmRegistry realms;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("realm-registry")
                .status(realms.isUp())
                .withData("realms", realms.realms().size())
                .withData("sessions", realms.sessionCount())
                .build();
    }
}
