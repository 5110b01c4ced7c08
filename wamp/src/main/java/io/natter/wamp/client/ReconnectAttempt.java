package io.natter.wamp.client;

import java.time.Duration;

/**
 * A reconnect the client has scheduled, reported to {@link WampClient#onReconnect} listeners.
 *
 * @param attempt 1-based attempt number since the last successful join
 * @param delay   the wait before the attempt, jitter included
 * @param cause   why the previous connection or attempt ended
 */
public record ReconnectAttempt(int attempt, Duration delay, Throwable cause) {
}
