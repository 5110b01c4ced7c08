package io.natter.router.broker;

import io.natter.router.peer.Session;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last retained event of each topic of a realm (PUBLISH {@code retain: true}), handed to a new
 * exact subscriber that asks with SUBSCRIBE {@code get_retained: true}, as Crossbar.io does.
 *
 * <p>Bounded: at most {@code maxTopics} topics and about {@code maxBytes} of payload (the estimate
 * of {@link #weigh}); past either bound the events retained least recently are dropped first. The
 * arguments are copied out of the frame they came in, so a retained event does not keep its whole
 * PUBLISH frame alive.
 *
 * <p>Not thread-safe: the broker uses it under the realm lock.
 */
final class RetainedEvents {

    /** One retained publication: its payload, the identity to disclose (maybe empty) and its black/white lists. */
    record Retained(String topic, List<Object> args, Map<String, Object> kwargs, Map<String, Object> identity,
            PublishOptions options, long weight) {

        /** Whether {@code receiver} may have this event (the publication's lists, as Crossbar checks them). */
        boolean admits(Session receiver) {
            return options.admits(receiver);
        }
    }

    private final int maxTopics;
    private final long maxBytes;
    // Insertion order is retention order: a topic retained again is moved to the end.
    private final LinkedHashMap<String, Retained> byTopic = new LinkedHashMap<>();
    private long bytes;

    RetainedEvents(int maxTopics, long maxBytes) {
        this.maxTopics = maxTopics;
        this.maxBytes = maxBytes;
    }

    /** Keeps the publication as {@code topic}'s retained event, replacing the one before. */
    void retain(String topic, List<Object> args, Map<String, Object> kwargs, Map<String, Object> identity, PublishOptions options) {
        if (maxTopics == 0) {
            return;
        }
        List<Object> ownArgs = args == null || args.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(args));
        Map<String, Object> ownKwargs = kwargs == null || kwargs.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        long weight = topic.length() + weigh(ownArgs) + weigh(ownKwargs);
        Retained before = byTopic.remove(topic);
        if (before != null) {
            bytes -= before.weight();
        }
        if (weight > maxBytes) {
            return;
        }
        byTopic.put(topic, new Retained(topic, ownArgs, ownKwargs, identity, options, weight));
        bytes += weight;
        Iterator<Retained> oldest = byTopic.values().iterator();
        while (byTopic.size() > maxTopics || bytes > maxBytes) {
            bytes -= oldest.next().weight();
            oldest.remove();
        }
    }

    /** The retained event of exactly {@code topic}, or null. */
    Retained get(String topic) {
        return byTopic.get(topic);
    }

    int size() {
        return byTopic.size();
    }

    /**
     * A rough size of a decoded value in bytes: string lengths, 8 per number or other scalar, 16 per
     * list or map entry. Only to bound the store; nesting depth is bounded by the readers.
     */
    static long weigh(Object value) {
        if (value instanceof CharSequence text) {
            return 16 + text.length();
        }
        if (value instanceof byte[] bytes) {
            return 16 + bytes.length;
        }
        if (value instanceof List<?> list) {
            long sum = 16;
            for (Object item : list) {
                sum += 8 + weigh(item);
            }
            return sum;
        }
        if (value instanceof Map<?, ?> map) {
            long sum = 16;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                sum += 16 + weigh(entry.getKey()) + weigh(entry.getValue());
            }
            return sum;
        }
        return 8;
    }
}
