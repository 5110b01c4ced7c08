package io.natter.wamp.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A WAMP v2 message. One record per message type, named after it, with the fields in wire order.
 *
 * <p>Records are immutable values: dictionaries and lists are copied into unmodifiable views
 * (keeping insertion order) and are never null. Payload values ({@code args}, {@code kwargs} and
 * dictionary values) are plain Java values: {@code null}, {@link Boolean}, {@link Number},
 * {@link String}, {@code byte[]}, {@link List} and {@link Map} with string keys.
 */
public sealed interface Message permits Hello, Welcome, Abort, Challenge, Authenticate, Goodbye, Error, Publish, Published, Subscribe, Subscribed, Unsubscribe, Unsubscribed, Event, Call, Cancel, Result, Register, Registered, Unregister, Unregistered, Invocation, Interrupt, Yield {

    /** The message type code on the wire, e.g. 1 for HELLO. */
    int code();

    /** An unmodifiable, non-null copy of {@code map}, in its iteration order. */
    static Map<String, Object> frozen(Map<String, Object> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * An unmodifiable, non-null copy of {@code list}; a list this method made already is returned
     * as it is, so a payload passed on from one message to the next (CALL to INVOCATION, YIELD to
     * RESULT, PUBLISH to EVENT) is copied once.
     */
    static List<Object> frozen(List<Object> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        if (list instanceof FrozenList) {
            return list;
        }
        return new FrozenList(list.toArray());
    }
}
