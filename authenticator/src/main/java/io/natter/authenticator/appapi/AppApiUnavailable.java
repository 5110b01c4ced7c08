package io.natter.authenticator.appapi;

/**
 * app-api gave no usable answer: refused connection, no answer within the timeout, a 5xx, a
 * refused service credential or a malformed body. Distinct from "no such user" and "not a
 * member", which are answers.
 */
public final class AppApiUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AppApiUnavailable(String message) {
        super(message, null, false, false);
    }
}
