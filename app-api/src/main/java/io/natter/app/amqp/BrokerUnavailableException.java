package io.natter.app.amqp;

/** RabbitMQ is not connected, or did not confirm a publish in time. */
public final class BrokerUnavailableException extends Exception {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
