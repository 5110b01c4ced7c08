package io.natter.router.session;

import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The INFO lines an operator reads when the router refuses or ends a session on the peer's account:
 * a protocol violation, a refused HELLO (every ABORT the router sends), an ABORT the peer sent.
 * Each line names the session ID, the peer, the realm, the authid and the reason; never a secret
 * (the texts are the router's own ABORT messages, which carry none; what the peer sent is cut and
 * stripped of control characters so it cannot forge lines).
 *
 * <p>Rate-limited for the whole router, so a flood cannot fill the disk: at most
 * {@code perSecond} lines per second; the lines left out are counted and their number logged with
 * the next line that is written. Thread-safe; only refusals pay the monitor.
 */
public final class RefusalLog {

    /** The router's log of refusals: 20 lines per second. */
    public static final RefusalLog ROUTER = new RefusalLog(Logger.getLogger(WampConnection.class), 20, System::nanoTime);

    private static final int MAX_FIELD = 120;
    private static final long SECOND = 1_000_000_000L;

    private final Logger log;
    private final int perSecond;
    private final LongSupplier nanos;
    private long windowStart;
    private int written;
    private long suppressed;

    RefusalLog(Logger log, int perSecond, LongSupplier nanos) {
        this.log = log;
        this.perSecond = perSecond;
        this.nanos = nanos;
        this.windowStart = nanos.getAsLong();
    }

    /**
     * Logs one refusal, unless this second's lines are used up.
     *
     * @param what e.g. {@code protocol violation}
     * @param sessionId 0 when no ID was drawn yet
     */
    public void log(String what, long sessionId, String peer, String realm, String authid, String reason, String message) {
        long skipped;
        synchronized (this) {
            long now = nanos.getAsLong();
            if (now - windowStart >= SECOND) {
                windowStart = now;
                written = 0;
            }
            if (written >= perSecond) {
                suppressed++;
                return;
            }
            written++;
            skipped = suppressed;
            suppressed = 0;
        }
        if (skipped > 0) {
            log.infof("%d refusal log lines suppressed (more than %d per second)", skipped, perSecond);
        }
        log.infof("%s: session=%d peer=%s realm=%s authid=%s reason=%s message=%s", what, sessionId, clean(peer),
                clean(realm), clean(authid), clean(reason), clean(message));
    }

    /** {@code text} cut to a readable length, without control characters; "-" when absent. */
    static String clean(String text) {
        if (text == null || text.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_FIELD) + 1);
        for (int i = 0; i < text.length() && out.length() < MAX_FIELD; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > MAX_FIELD) {
            out.append('…');
        }
        return out.toString();
    }
}
