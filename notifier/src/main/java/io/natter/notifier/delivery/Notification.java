package io.natter.notifier.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A valid notification, ready for {@code natter.notify.<user>}: its target (from the routing key) and
 * the payload {@code {id, title, body, data?, from?, ts}}.
 *
 * @param target  a user or a thread
 * @param name    the user's name or the thread's permalink
 * @param id      stable across redeliveries: the message's own id, else a hash of routing key and body
 */
public record Notification(Target target, String name, String id, String title, String body,
                           Map<String, Object> data, String from, String ts) {

    /** What the routing key names. */
    public enum Target { USER, THREAD }

    /** The event's single positional argument. */
    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("title", title);
        p.put("body", body);
        if (data != null) {
            p.put("data", data);
        }
        if (from != null) {
            p.put("from", from);
        }
        p.put("ts", ts);
        return p;
    }
}
