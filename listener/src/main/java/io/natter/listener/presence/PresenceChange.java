package io.natter.listener.presence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One change of a thread's presence: {@code joined} came online or {@code left} went offline
 * (exactly one of them), and who is {@code online} after it (sorted).
 */
public record PresenceChange(String thread, String joined, String left, List<String> online) {

    public PresenceChange {
        Objects.requireNonNull(thread, "thread");
        if ((joined == null) == (left == null)) {
            throw new IllegalArgumentException("exactly one of joined and left");
        }
        online = List.copyOf(online);
    }

    static PresenceChange joined(String thread, String authid, List<String> online) {
        return new PresenceChange(thread, authid, null, online);
    }

    static PresenceChange left(String thread, String authid, List<String> online) {
        return new PresenceChange(thread, null, authid, online);
    }

    /** The payload published on {@code natter.presence.<thread>}: {@code {thread, online, joined? | left?}}. */
    public Map<String, Object> payload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("thread", thread);
        payload.put("online", online);
        if (joined != null) {
            payload.put("joined", joined);
        } else {
            payload.put("left", left);
        }
        return payload;
    }
}
