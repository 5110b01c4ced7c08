package io.natter.router.boot;

import io.netty.util.Recycler;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * System properties Netty reads once, when its classes load, so they must be set before Quarkus
 * starts ({@link RouterMain}); a value given on the command line ({@code -D}) is kept.
 *
 * <p>{@code io.netty.recycler.maxCapacityPerThread=0} turns Netty's object pool off: pooled
 * buffers' cache entries and outbound-buffer entries are then plain short-lived objects. With the
 * pool on, recycling them (a deque per thread, ownership checks) was about a fifth of the router's
 * Java samples on pub/sub fan-out, and switching it off raised events per server core-second by
 * 15–90% across the bench's pub/sub configurations (the bare relay's by as much; {@code bench/results/HISTORY.md}).
 */
@ApplicationScoped
public class NettyDefaults {

    private static final Logger LOG = Logger.getLogger(NettyDefaults.class);

    /** Property → the router's default. */
    static final Map<String, String> DEFAULTS = Map.of("io.netty.recycler.maxCapacityPerThread", "0");


    /** Sets each default in {@code properties} that is not set there already. */
    public static void apply(Properties properties) {
        DEFAULTS.forEach(properties::putIfAbsent);
    }

    /**
     * Whether Netty's object pool is on in this JVM: a pool hands back an object that was
     * recycled (it keeps only one in {@code io.netty.recycler.ratio}, 8 by default, hence the loop).
     */
    public static boolean objectPoolOn() {
        Recycler<Object[]> recycler = new Recycler<>() {
            @Override
            protected Object[] newObject(Handle<Object[]> handle) {
                return new Object[] {handle};
            }
        };
        Set<Object[]> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < 64; i++) {
            Object[] o = recycler.get();
            if (!seen.add(o)) {
                return true;
            }
            @SuppressWarnings("unchecked")
            Recycler.Handle<Object[]> handle = (Recycler.Handle<Object[]>) o[0];
            handle.recycle(o);
        }
        return false;
    }

    /** Says at start-up whether the pool is off, as the router wants it (it is not when started without {@link RouterMain}). */
    void report(@Observes StartupEvent event) {
        if (objectPoolOn()) {
            LOG.infof("Netty's object pool is on (io.netty.recycler.maxCapacityPerThread=%s); the router runs faster with it off, as %s sets it",
                    System.getProperty("io.netty.recycler.maxCapacityPerThread", "default"), RouterMain.class.getSimpleName());
        } else {
            LOG.debug("Netty's object pool is off");
        }
    }
}
