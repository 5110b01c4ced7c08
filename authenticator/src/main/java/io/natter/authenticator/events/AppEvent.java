package io.natter.authenticator.events;

import io.natter.authenticator.authorize.Identifiers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The events of {@code natter.events} the authenticator acts on (payloads in app-api's README and
 * contracts): membership changes and revoked tokens. Anything else is {@link Other}.
 */
public sealed interface AppEvent {

    /** {@code membership.granted} / {@code membership.revoked}: {@code {type, thread, authid, ts}}. */
    record MembershipChanged(String type, String thread, String authid) implements AppEvent {

        /** Whether the user lost access ({@code membership.revoked}) rather than gained it. */
        public boolean revoked() {
            return type.equals("membership.revoked");
        }
    }

    /** {@code token.revoked}: {@code {type, authid, token_id, reason, ts}}. */
    record TokenRevoked(String authid, String tokenId, String reason) implements AppEvent {
    }

    /** An event of another type (e.g. a later addition): acknowledged and left alone. */
    record Other(String type) implements AppEvent {
    }

    /**
     * Reads one message payload: a JSON object as bytes, text, a Vert.x buffer, or already decoded
     * by the connector.
     *
     * @throws IllegalArgumentException when the payload is not such an event
     */
    static AppEvent parse(Object payload) {
        JsonObject json = json(payload);
        String type = json.getValue("type") instanceof String s ? s : null;
        if (type == null) {
            throw new IllegalArgumentException("no type");
        }
        switch (type) {
            case "membership.granted", "membership.revoked" -> {
                String thread = string(json, "thread");
                String authid = string(json, "authid");
                if (!Identifiers.isPermalink(thread) || !Identifiers.isName(authid)) {
                    throw new IllegalArgumentException(type + " without a valid thread and authid");
                }
                return new MembershipChanged(type, thread, authid);
            }
            case "token.revoked" -> {
                String authid = string(json, "authid");
                String tokenId = string(json, "token_id");
                if (!Identifiers.isName(authid) || !Identifiers.isTokenId(tokenId)) {
                    throw new IllegalArgumentException(type + " without a valid authid and token_id");
                }
                return new TokenRevoked(authid, tokenId, string(json, "reason"));
            }
            default -> {
                return new Other(type);
            }
        }
    }

    private static JsonObject json(Object payload) {
        try {
            if (payload instanceof JsonObject object) {
                return object;
            }
            if (payload instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) map;
                return new JsonObject(m);
            }
            if (payload instanceof byte[] bytes) {
                return new JsonObject(Buffer.buffer(bytes));
            }
            if (payload instanceof Buffer buffer) {
                return new JsonObject(buffer);
            }
            if (payload instanceof io.vertx.mutiny.core.buffer.Buffer buffer) {
                return new JsonObject(buffer.getDelegate());
            }
            if (payload instanceof String text) {
                return new JsonObject(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)));
            }
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
        throw new IllegalArgumentException("payload of type " + (payload == null ? "null" : payload.getClass().getSimpleName()));
    }

    private static String string(JsonObject json, String key) {
        return json.getValue(key) instanceof String s ? s : null;
    }
}
