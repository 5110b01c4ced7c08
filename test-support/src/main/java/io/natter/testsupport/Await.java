package io.natter.testsupport;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting in tests, always with a stated bound. */
public final class Await {

    private Await() {
    }

    /**
     * Waits until {@code condition} holds, asking every 50 ms; a condition that throws counts as
     * not yet (a service still coming back). Fails with "not within ...: {@code what}" after
     * {@code wait}, with the last exception as the cause.
     */
    public static void until(BooleanSupplier condition, Duration wait, String what) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + wait.toSeconds() + " s: " + what, last);
            }
            Thread.sleep(50);
        }
    }

    /** The stage's value within {@code wait}; its failure thrown as it is. */
    public static <T> T result(CompletionStage<T> stage, Duration wait) throws Exception {
        try {
            return stage.toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Whether the stage completes normally within {@code wait}. */
    public static boolean succeeds(CompletionStage<?> stage, Duration wait) {
        try {
            result(stage, wait);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
