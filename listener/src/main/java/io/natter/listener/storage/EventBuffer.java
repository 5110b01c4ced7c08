package io.natter.listener.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The bounded, ordered buffer between the WAMP event handler (which must never wait) and the
 * publisher thread, which publishes without waiting for each confirm: events are published from
 * the buffer in order while fewer than a window of them await their confirms, and leave the buffer
 * only when they and every event before them are confirmed. {@link #offer} never blocks: past
 * {@code capacity} it refuses and the caller counts the loss.
 *
 * <p>Each channel is a <em>generation</em>: {@link #reset} starts one with the channel's next
 * publish sequence number, and from then on the event at position {@code i} of the buffer that was
 * published on it has sequence number {@code headSeq + i}, because events go out in buffer order
 * and a channel numbers its publishes consecutively. A confirm of an older generation (a late
 * callback of a closed channel) changes nothing. After a reset nothing counts as published, so the
 * next channel publishes everything still here again, from the head, in order (at least once: a
 * copy already routed is harmless, app-api keys messages by publication id).
 *
 * <p>Thread-safe: one lock guards the ring; the publisher thread waits on it in {@link #awaitWork}.
 */
public final class EventBuffer {

    private final ChatEvent[] ring;
    private final boolean[] confirmed;
    private final long[] sentAt;
    private final long[] offeredAt;
    private final Timings timings;
    private int head;
    private int size;
    /** Events from the head published on the current generation's channel. */
    private int sent;
    private long headSeq;
    private long generation;
    /** Why the current generation's channel cannot go on (a nack, the channel closed), or null. */
    private String failure;

    /** Where the buffer reports how long events waited; called holding the lock, so it must be quick. */
    public interface Timings {
        /** An event was published {@code nanos} after it was offered (again after each new channel). */
        void waitedToPublish(long nanos);

        /** An event left the buffer {@code nanos} after it was (last) published. */
        void waitedForConfirm(long nanos);

        Timings NONE = new Timings() {
            @Override
            public void waitedToPublish(long nanos) {
            }

            @Override
            public void waitedForConfirm(long nanos) {
            }
        };
    }

    public EventBuffer(int capacity) {
        this(capacity, Timings.NONE);
    }

    public EventBuffer(int capacity, Timings timings) {
        this.timings = timings;
        if (capacity < 1) {
            throw new IllegalArgumentException("natter.listener.buffer-size must be at least 1, was " + capacity);
        }
        this.ring = new ChatEvent[capacity];
        this.confirmed = new boolean[capacity];
        this.sentAt = new long[capacity];
        this.offeredAt = new long[capacity];
    }

    /** Appends {@code event} unless the buffer is full; never blocks. */
    public synchronized boolean offer(ChatEvent event) {
        if (size == ring.length) {
            return false;
        }
        int slot = index(size);
        ring[slot] = event;
        confirmed[slot] = false;
        offeredAt[slot] = System.nanoTime();
        size++;
        if (size - sent == 1) {
            notifyAll();
        }
        return true;
    }

    /**
     * Starts a generation for a new channel whose next publish sequence number is {@code nextSeq}:
     * nothing counts as published any more. Returns the generation, which the channel's confirm
     * callbacks pass back.
     */
    public synchronized long reset(long nextSeq) {
        for (int i = 0; i < sent; i++) {
            confirmed[index(i)] = false;
        }
        sent = 0;
        headSeq = nextSeq;
        failure = null;
        return ++generation;
    }

    /**
     * The next events to publish, in order, at most {@code max} and at most as many as keep the
     * published-but-unconfirmed ones within {@code window}; they count as published from now on
     * (at {@code now}, for {@link #oldestUnconfirmedSince}).
     */
    public synchronized List<ChatEvent> takeToPublish(int max, int window, long now) {
        int n = Math.min(Math.min(max, window - sent), size - sent);
        List<ChatEvent> batch = new ArrayList<>(Math.max(0, n));
        for (int i = 0; i < n; i++) {
            int slot = index(sent);
            batch.add(ring[slot]);
            sentAt[slot] = now;
            timings.waitedToPublish(now - offeredAt[slot]);
            sent++;
        }
        return batch;
    }

    /**
     * The broker confirmed {@code seq} (and, when {@code multiple}, every one before it) on the
     * channel of {@code gen}. Returns how many events left the buffer: the confirmed ones at its
     * head (one confirmed behind an unconfirmed one waits for it).
     */
    public synchronized int confirm(long gen, long seq, boolean multiple) {
        if (gen != generation) {
            return 0;
        }
        long last = seq - headSeq;
        if (last < 0 || last >= sent) {
            return 0;
        }
        for (long i = multiple ? 0 : last; i <= last; i++) {
            confirmed[index((int) i)] = true;
        }
        int removed = 0;
        long now = System.nanoTime();
        while (sent > 0 && confirmed[head]) {
            timings.waitedForConfirm(now - sentAt[head]);
            ring[head] = null;
            confirmed[head] = false;
            head = (head + 1) % ring.length;
            size--;
            sent--;
            headSeq++;
            removed++;
        }
        if (removed > 0) {
            notifyAll();
        }
        return removed;
    }

    /** The channel of {@code gen} cannot go on ({@code why}): the publisher thread is woken to open another. */
    public synchronized void fail(long gen, String why) {
        if (gen == generation && failure == null) {
            failure = why;
            notifyAll();
        }
    }

    /** Why the current channel cannot go on, or null. */
    public synchronized String failure() {
        return failure;
    }

    /** When the oldest published, unconfirmed event was published (the {@code now} given), or -1 when none is. */
    public synchronized long oldestUnconfirmedSince() {
        return sent == 0 ? -1 : sentAt[head];
    }

    /**
     * Waits until there is an event to publish within {@code window}, a failure, or {@code millis}
     * passed.
     */
    public synchronized void awaitWork(int window, long millis) throws InterruptedException {
        if (failure == null && (size == sent || sent >= window)) {
            wait(millis);
        }
    }

    /** Events not yet confirmed (published or not). */
    public synchronized int size() {
        return size;
    }

    /** Events published on the current channel and not yet confirmed. */
    public synchronized int unconfirmed() {
        return sent;
    }

    public int capacity() {
        return ring.length;
    }

    private int index(int i) {
        return (head + i) % ring.length;
    }
}
