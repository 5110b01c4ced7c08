package io.natter.listener.presence;

import io.natter.listener.appapi.Membership;
import io.natter.wamp.client.CallResult;
import io.natter.wamp.client.InvocationContext;
import io.natter.wamp.client.WampException;
import io.natter.wamp.quarkus.WampSession;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code natter.presence.list [thread]} → {@code [[authid, ...]]}, who is online in the thread,
 * for members of the thread only: the caller's authid is disclosed by the router (the user role's
 * authorizer answers {@code disclose: caller}, and the registration asks {@code disclose_caller});
 * membership comes from app-api, cached briefly.
 */
@ApplicationScoped
public class PresenceListProcedure {

    private static final Logger LOG = Logger.getLogger(PresenceListProcedure.class);
    static final String PROCEDURE = "natter.presence.list";
    static final String NOT_AUTHORIZED = "wamp.error.not_authorized";
    static final String UNAVAILABLE = "natter.error.unavailable";

    private final WampSession wamp;
    private final PresenceTracker tracker;
    private final Membership membership;

    PresenceListProcedure(WampSession wamp, PresenceTracker tracker, Membership membership) {
        this.wamp = wamp;
        this.tracker = tracker;
        this.membership = membership;
    }

    void start(@Observes StartupEvent event) {
        // roundrobin: a second listener (or a restarted one whose old session lingers) serves beside it.
        wamp.register(PROCEDURE, Map.of("disclose_caller", true, "invoke", "roundrobin"), this::list);
    }

    Future<CallResult> list(InvocationContext invocation) {
        Object arg = invocation.args().isEmpty() ? invocation.kwargs().get("thread") : invocation.args().get(0);
        if (!(arg instanceof String thread) || !PresenceState.isThread(thread)) {
            return Future.failedFuture(new WampException("wamp.error.invalid_argument",
                    "natter.presence.list takes one argument, a thread permalink"));
        }
        String caller = invocation.callerAuthid();
        if (caller == null) {
            return Future.failedFuture(new WampException(NOT_AUTHORIZED, "the caller is not disclosed"));
        }
        return membership.isMember(thread, caller).recover(e -> {
            LOG.warnf("membership of %s in %s unknown: %s", caller, thread, e.getMessage());
            return Future.failedFuture(new WampException(UNAVAILABLE, "membership cannot be checked now"));
        }).compose(member -> {
            if (!member) {
                return Future.failedFuture(new WampException(NOT_AUTHORIZED, "not a member of " + thread));
            }
            if (!tracker.isReady()) {
                return Future.failedFuture(new WampException(UNAVAILABLE, "presence is being rebuilt; try again"));
            }
            return Future.succeededFuture(CallResult.of(List.<Object>of(tracker.online(thread)), Map.of()));
        });
    }
}
