package io.natter.app.amqp;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The RabbitMQ link, on its own health group {@code /q/health/group/rabbitmq} and deliberately
 * not in readiness: while the broker is away only notifications are refused (events wait in the
 * outbox), so an orchestrator must not take the whole API out of service for it.
 */
@HealthGroup(RabbitHealth.GROUP)
@ApplicationScoped
public class RabbitHealth implements HealthCheck {

    /** The health group's name. */
    public static final String GROUP = "rabbitmq";

    private final Rabbit rabbit;

    RabbitHealth(Rabbit rabbit) {
        this.rabbit = rabbit;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("rabbitmq").status(rabbit.isConnected()).build();
    }
}
