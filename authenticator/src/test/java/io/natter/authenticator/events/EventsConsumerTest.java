package io.natter.authenticator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.natter.authenticator.config.AuthenticatorConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventsConsumerTest {

    @Test
    void retryPausesDoubleUpToTheMaximum() {
        EventsConsumer consumer = new EventsConsumer(null, null, null, new SimpleMeterRegistry(), new AuthenticatorConfig() {
            @Override
            public App app() {
                return null;
            }

            @Override
            public Internal internal() {
                return null;
            }

            @Override
            public Cache cache() {
                return null;
            }

            @Override
            public Events events() {
                return new Events() {
                    @Override
                    public Duration retryInitialDelay() {
                        return Duration.ofSeconds(1);
                    }

                    @Override
                    public Duration retryMaxDelay() {
                        return Duration.ofSeconds(30);
                    }

                    @Override
                    public Duration tokenSweepRepeat() {
                        return Duration.ZERO;
                    }
                };
            }
        });

        assertThat(consumer.retryDelay(0)).isEqualTo(1_000);
        assertThat(consumer.retryDelay(1)).isEqualTo(2_000);
        assertThat(consumer.retryDelay(4)).isEqualTo(16_000);
        assertThat(consumer.retryDelay(5)).isEqualTo(30_000);
        assertThat(consumer.retryDelay(1_000)).isEqualTo(30_000);
    }
}
