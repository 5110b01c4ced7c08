package io.natter.bench.jmh;

import io.natter.wamp.message.Call;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Result;
import io.natter.wamp.serialization.Serializer;
import io.natter.wamp.serialization.Serializers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The messages the benchmarks encode: shaped like the load generator's and the router's. */
final class Messages {

    private Messages() {
    }

    static Serializer serializer(String name) {
        return switch (name) {
            case "json" -> Serializers.JSON;
            case "msgpack" -> Serializers.MSGPACK;
            default -> throw new IllegalArgumentException(name);
        };
    }

    static String payload(int bytes) {
        return "@" + "x".repeat(bytes - 1);
    }

    /** An EVENT as the router sends it for an exact subscription with publisher disclosure. */
    static Event event(long subscription, int payloadBytes) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("publisher", 4_503_599_627_370_495L);
        details.put("publisher_authid", "K7UW-95FU-XMSF-4RFV-MJSA-NMGC");
        details.put("publisher_authrole", "anonymous");
        return new Event(subscription, 7_036_874_417_766_400L, details, List.of(payload(payloadBytes)), Map.of());
    }

    static Message message(String kind, int payloadBytes) {
        List<Object> args = List.of(payload(payloadBytes));
        return switch (kind) {
            case "publish" -> new Publish(12_345, Map.of(), "natter.thread.general-chat", args, Map.of());
            case "event" -> event(5_170_123_456_789L, payloadBytes);
            case "call" -> new Call(12_345, Map.of(), "natter.presence.list", args, Map.of());
            case "result" -> new Result(12_345, Map.of(), args, Map.of());
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
