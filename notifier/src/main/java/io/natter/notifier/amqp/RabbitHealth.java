package io.natter.notifier.amqp;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness "rabbitmq": UP while the notifier's queue is consumed. */
@Readiness
@ApplicationScoped
public class RabbitHealth implements HealthCheck {

    private final NotificationConsumer consumer;

    RabbitHealth(NotificationConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("rabbitmq").status(consumer.isConsuming()).build();
    }
}
