package io.natter.app.api;

/**
 * A request the client got wrong, or a state that refuses it; mapped to its status and an
 * {@link ApiError} body. Carries no stack trace: it is control flow, not a bug.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final String field;
    private final long retryAfterSeconds;

    private ApiException(int status, String error, String message, String field, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400 with the field at fault. */
    public static ApiException badField(String field, String message) {
        return new ApiException(400, "bad_request", message, field, 0);
    }

    /** 401. */
    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, null, 0);
    }

    /** 403. */
    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, null, 0);
    }

    /** 404. */
    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, null, 0);
    }

    /** 409. */
    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message, null, 0);
    }

    /** 429 with the seconds to wait. */
    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(429, "too_many_requests", message, null, retryAfterSeconds);
    }

    /** 503: a backing service is away; the client may retry. */
    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message, null, 2);
    }

    public int status() {
        return status;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The response body. */
    public ApiError body() {
        return new ApiError(error, getMessage(), field);
    }
}
