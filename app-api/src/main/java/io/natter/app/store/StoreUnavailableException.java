package io.natter.app.store;

/** PostgreSQL cannot be reached (or answers that it is shutting down); the request may be retried. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(Throwable cause) {
        super("database unavailable", cause);
    }
}
