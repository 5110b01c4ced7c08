package io.natter.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks on the Node client's answers, failing with the whole answer in the message. */
public final class Replies {

    private Replies() {
    }

    /** Fails unless {@code reply} is of {@code type} ({@code subscribed}, {@code published}, ...). */
    public static JsonNode expect(JsonNode reply, String type) {
        if (!type.equals(reply.path("type").asText())) {
            throw new AssertionError("expected " + type + ", got " + reply);
        }
        return reply;
    }

    /** Fails unless {@code reply} is an ERROR with the WAMP error URI {@code error}. */
    public static JsonNode expectError(JsonNode reply, String error) {
        if (!"error".equals(reply.path("type").asText()) || !error.equals(reply.path("error").asText())) {
            throw new AssertionError("expected ERROR " + error + ", got " + reply);
        }
        return reply;
    }
}
