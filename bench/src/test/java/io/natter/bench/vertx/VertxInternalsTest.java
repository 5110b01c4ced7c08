package io.natter.bench.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VertxInternalsTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theInternalLoopRunsAndSchedulesOnTheContextWithoutFallingBack() throws Exception {
        Context context = vertx.getOrCreateContext();
        long before = VertxInternals.fallbacks();

        assertRunsOnContext(VertxInternals.loop(context), context);

        assertThat(VertxInternals.fallbacks()).isEqualTo(before);
    }

    @Test
    void aContextThatIsNotVertxsOwnFallsBackCountedAndStillRunsThere() throws Exception {
        Context context = vertx.getOrCreateContext();
        Context wrapped = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(context, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        long before = VertxInternals.fallbacks();

        VertxInternals.Loop loop = VertxInternals.loop(wrapped);

        assertThat(VertxInternals.fallbacks()).isEqualTo(before + 1);
        assertRunsOnContext(loop, context);
    }

    /** Tasks run on the context's event-loop thread; a canceled one does not run. */
    private static void assertRunsOnContext(VertxInternals.Loop loop, Context context) throws Exception {
        CompletableFuture<Thread> contextThread = new CompletableFuture<>();
        context.runOnContext(v -> contextThread.complete(Thread.currentThread()));
        Thread expected = contextThread.get(5, TimeUnit.SECONDS);

        CompletableFuture<Thread> executed = new CompletableFuture<>();
        loop.execute(() -> executed.complete(Thread.currentThread()));
        assertThat(executed.get(5, TimeUnit.SECONDS)).isSameAs(expected);

        CompletableFuture<Thread> scheduled = new CompletableFuture<>();
        loop.schedule(() -> scheduled.complete(Thread.currentThread()), TimeUnit.MILLISECONDS.toNanos(2));
        assertThat(scheduled.get(5, TimeUnit.SECONDS)).isSameAs(expected);

        AtomicBoolean ran = new AtomicBoolean();
        Runnable cancel = loop.schedule(() -> ran.set(true), TimeUnit.MILLISECONDS.toNanos(200));
        CompletableFuture<Void> canceled = new CompletableFuture<>();
        loop.execute(() -> {
            cancel.run();
            canceled.complete(null);
        });
        canceled.get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> later = new CompletableFuture<>();
        loop.schedule(() -> later.complete(null), TimeUnit.MILLISECONDS.toNanos(400));
        later.get(5, TimeUnit.SECONDS);
        assertThat(ran).isFalse();
    }
}
