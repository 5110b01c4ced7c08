package io.natter.router.dealer;

import io.natter.router.peer.Session;
import java.util.List;
import java.util.Map;

/**
 * A procedure the router implements itself (the meta API). The dealer calls it on the caller's
 * thread, without holding the realm lock, and answers RESULT or ERROR.
 */
@FunctionalInterface
public interface LocalProcedure {

    /** What the call returns, and what to do once the RESULT is queued (e.g. kill sessions). */
    record Outcome(Object value, Runnable afterReply) {
        /** A plain return value: RESULT args [value]. */
        public static Outcome of(Object value) {
            return new Outcome(value, null);
        }
    }

    Outcome call(Session caller, List<Object> args, Map<String, Object> kwargs) throws ProcedureException;
}
