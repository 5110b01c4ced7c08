package io.natter.listener.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounded, ordered buffer between the WAMP event handler (which must never wait) and the
 * publisher thread. {@link #offer} never blocks: past {@code capacity} it refuses and the caller
 * counts the loss. The publisher {@link #peek}s a batch, publishes it, and {@link #remove}s it
 * only once the broker confirmed it, so a batch lost with a connection is published again, in
 * the same order, from the head.
 *
 * <p>Thread-safe: one lock guards the deque; {@link #awaitNonEmpty} waits on it.
 */
public final class EventBuffer {

    private final ArrayDeque<ChatEvent> events = new ArrayDeque<>();
    private final int capacity;

    public EventBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("natter.listener.buffer-size must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends {@code event} unless the buffer is full; never blocks. */
    public synchronized boolean offer(ChatEvent event) {
        if (events.size() >= capacity) {
            return false;
        }
        events.addLast(event);
        if (events.size() == 1) {
            notifyAll();
        }
        return true;
    }

    /** Up to {@code max} events from the head, left in the buffer. */
    public synchronized List<ChatEvent> peek(int max) {
        List<ChatEvent> batch = new ArrayList<>(Math.min(max, events.size()));
        for (ChatEvent event : events) {
            if (batch.size() == max) {
                break;
            }
            batch.add(event);
        }
        return batch;
    }

    /** Drops {@code count} events from the head (the confirmed ones). */
    public synchronized void remove(int count) {
        for (int i = 0; i < count && !events.isEmpty(); i++) {
            events.removeFirst();
        }
    }

    /** Waits until an event is there or {@code millis} passed; returns whether one is. */
    public synchronized boolean awaitNonEmpty(long millis) throws InterruptedException {
        if (events.isEmpty()) {
            wait(millis);
        }
        return !events.isEmpty();
    }

    public synchronized int size() {
        return events.size();
    }

    public int capacity() {
        return capacity;
    }
}
