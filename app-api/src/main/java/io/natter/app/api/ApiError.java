package io.natter.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error response: a stable machine code, a readable message and, for bad
 * input, the field at fault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, String field) {

    /** An error that concerns no particular field. */
    public static ApiError of(String error, String message) {
        return new ApiError(error, message, null);
    }
}
