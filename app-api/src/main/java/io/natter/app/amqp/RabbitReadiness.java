package io.natter.app.amqp;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness reports the RabbitMQ link (the datasource check comes with Agroal). Down means
 * notifications are refused and events wait in the outbox, not that the service is broken.
 */
@Readiness
@ApplicationScoped
public class RabbitReadiness implements HealthCheck {

    private final Rabbit rabbit;

    RabbitReadiness(Rabbit rabbit) {
        this.rabbit = rabbit;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("rabbitmq").status(rabbit.isConnected()).build();
    }
}
