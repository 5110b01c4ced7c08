package io.natter.router.testing;

import io.natter.router.util.Timers;
import java.util.ArrayList;
import java.util.List;

/** Timers driven by hand: {@link #advance} runs what is due. */
public final class ManualTimers implements Timers {

    private final class Task implements Handle {
        final long due;
        final Runnable action;
        boolean cancelled;

        Task(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final List<Task> tasks = new ArrayList<>();
    private long now;

    @Override
    public synchronized Handle schedule(long delayMillis, Runnable task) {
        Task scheduled = new Task(now + Math.max(1, delayMillis), task);
        tasks.add(scheduled);
        return scheduled;
    }

    /** Moves the clock forward and runs every task that became due, in due order. */
    public void advance(long millis) {
        long target;
        synchronized (this) {
            target = now + millis;
        }
        while (true) {
            Task next = null;
            synchronized (this) {
                for (Task task : tasks) {
                    if (!task.cancelled && task.due <= target && (next == null || task.due < next.due)) {
                        next = task;
                    }
                }
                if (next == null) {
                    now = target;
                    tasks.removeIf(t -> t.cancelled || t.due <= target);
                    return;
                }
                now = next.due;
                tasks.remove(next);
            }
            next.action.run();
        }
    }

    /** Tasks scheduled and neither run nor cancelled. */
    public synchronized int pending() {
        int count = 0;
        for (Task task : tasks) {
            if (!task.cancelled) {
                count++;
            }
        }
        return count;
    }
}
