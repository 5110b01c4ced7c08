package io.natter.wamp.serialization;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Jackson's buffer recyclers, one per thread as in Jackson's default pool, but kept in a Netty
 * {@link FastThreadLocal}: on Netty's (and so Vert.x's) threads that is an index into the
 * thread's array, where the default pool looks up a JDK {@code ThreadLocal} for every parser and
 * generator, which the router's profile showed at about 5% of its CPU on pub/sub fan-out. On
 * other threads it falls back to one JDK thread-local, like the default.
 */
final class FastRecyclerPool extends RecyclerPool.ThreadLocalPoolBase<BufferRecycler> {

    private static final long serialVersionUID = 1L;

    static final FastRecyclerPool INSTANCE = new FastRecyclerPool();

    private static final FastThreadLocal<BufferRecycler> RECYCLERS = new FastThreadLocal<>() {
        @Override
        protected BufferRecycler initialValue() {
            return new BufferRecycler();
        }
    };

    private FastRecyclerPool() {
    }

    @Override
    public BufferRecycler acquirePooled() {
        return RECYCLERS.get();
    }

    // A deserialized pool is the one pool.
    private Object readResolve() {
        return INSTANCE;
    }
}
