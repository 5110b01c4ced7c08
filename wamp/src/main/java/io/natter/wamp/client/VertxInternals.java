package io.natter.wamp.client;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place this module reaches under Vert.x's public API ({@code io.vertx.core.impl}), so
 * that a Vert.x upgrade touches this file only. Two things need it: a fresh event-loop context for
 * a client built off an event loop (so that clients built on one thread spread over the loops),
 * and promises whose futures complete on that context (so that a handler added to a future the
 * client returned runs on the client's thread even when the future is already complete).
 *
 * <p>When the internals are not there or not what is expected (another Vert.x, a wrapped
 * {@link Vertx}), the client falls back to public API: {@link Vertx#getOrCreateContext()} and
 * plain promises. It works as before but for those two points; the first fallback is logged at
 * WARNING, and every one is counted in {@link #fallbacks()} (a metric: {@code wamp-quarkus}
 * exposes it as {@code natter.wamp.vertx.fallbacks}).
 */
public final class VertxInternals {

    private static final System.Logger LOG = System.getLogger(VertxInternals.class.getName());
    private static final AtomicLong FALLBACKS = new AtomicLong();
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private VertxInternals() {
    }

    /** How many times since the start a client used public API because Vert.x's internals failed it. */
    public static long fallbacks() {
        return FALLBACKS.get();
    }

    /** Makes promises; with the internals, promises whose futures complete on one context. */
    interface Promises {
        <T> Promise<T> promise();
    }

    /**
     * The context a client on {@code vertx} lives on: the caller's when it is an event loop of
     * {@code vertx}, else a new event-loop context.
     */
    static Context eventLoopContext(Vertx vertx) {
        Context current = Vertx.currentContext();
        if (current != null && current.isEventLoopContext() && current.owner() == vertx) {
            return current;
        }
        try {
            return Internal.createEventLoopContext(vertx);
        } catch (LinkageError | ClassCastException e) {
            fellBack("a new event-loop context (using Vertx.getOrCreateContext())", e);
            return vertx.getOrCreateContext();
        }
    }

    /** The promises of {@code context}: bound to it with the internals, else plain ones. */
    static Promises promises(Context context) {
        try {
            return Internal.promises(context);
        } catch (LinkageError | ClassCastException e) {
            fellBack("context-bound promises (using plain promises)", e);
            return new Promises() {
                @Override
                public <T> Promise<T> promise() {
                    return Promise.promise();
                }
            };
        }
    }

    private static void fellBack(String what, Throwable e) {
        FALLBACKS.incrementAndGet();
        if (WARNED.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Vert.x internals unavailable for " + what + ": " + e
                    + "; the WAMP client falls back to public API (counted in natter.wamp.vertx.fallbacks, logged once)");
        } else {
            LOG.log(Level.DEBUG, "Vert.x internals unavailable for {0}: {1}", what, e.toString());
        }
    }

    /** Loaded only when first used, so that missing internals fail there and not in the outer class. */
    private static final class Internal {

        static Context createEventLoopContext(Vertx vertx) {
            return ((VertxInternal) vertx).createEventLoopContext();
        }

        static Promises promises(Context context) {
            ContextInternal internal = (ContextInternal) context;
            return new Promises() {
                @Override
                public <T> Promise<T> promise() {
                    return internal.promise();
                }
            };
        }
    }
}
