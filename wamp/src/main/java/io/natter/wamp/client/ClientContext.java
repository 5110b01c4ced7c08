package io.natter.wamp.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * The one Vert.x event-loop context a {@link WampClient} lives on: the caller's when the client is
 * built on an event loop of the same Vert.x, else a new one. Hands work over to it, makes the
 * promises whose futures complete there, and sets the timers. What it needs of Vert.x beyond the
 * public API comes from {@link VertxInternals}.
 */
final class ClientContext {

    private static final System.Logger LOG = System.getLogger(ClientContext.class.getName());

    private final Vertx vertx;
    private final Context context;
    private final VertxInternals.Promises promises;

    ClientContext(Vertx vertx) {
        this.vertx = vertx;
        this.context = VertxInternals.eventLoopContext(vertx);
        this.promises = VertxInternals.promises(context);
    }

    /** The context, for code that takes a plain Vert.x {@link Context}. */
    Context context() {
        return context;
    }

    /** A promise whose future completes (and runs its handlers) on the context. */
    <T> Promise<T> promise() {
        return promises.promise();
    }

    /** Runs {@code task} on the context: now when already there, else queued behind what is. */
    void run(Runnable task) {
        if (Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    /** Runs {@code work} on the context; the returned future follows the one it returns. */
    <T> Future<T> future(Supplier<Future<T>> work) {
        Promise<T> promise = promise();
        run(() -> {
            try {
                work.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.tryFail(e);
            }
        });
        return promise.future();
    }

    /** Runs application code: a failure is logged as {@code what} failed and goes no further. */
    void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, what + " failed", e);
        }
    }

    long setTimer(long delayMillis, Handler<Long> handler) {
        return vertx.setTimer(delayMillis, handler);
    }

    void cancelTimer(long id) {
        vertx.cancelTimer(id);
    }
}
