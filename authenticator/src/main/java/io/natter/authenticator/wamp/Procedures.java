package io.natter.authenticator.wamp;

import io.natter.wamp.quarkus.WampSession;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Registers {@code natter.auth} and {@code natter.authorize} at start. The session registers them
 * again after every rejoin. Shared registration ({@code roundrobin}), so a second authenticator
 * (or a restarted one whose predecessor's session has not ended yet) serves beside the first
 * instead of being refused.
 */
@ApplicationScoped
class Procedures {

    private static final Logger LOG = Logger.getLogger(Procedures.class);
    private static final Map<String, Object> SHARED = Map.of("invoke", "roundrobin");

    private final WampSession wamp;
    private final AuthProcedure auth;
    private final AuthorizeProcedure authorize;

    Procedures(WampSession wamp, AuthProcedure auth, AuthorizeProcedure authorize) {
        this.wamp = wamp;
        this.auth = auth;
        this.authorize = authorize;
    }

    void register(@Observes StartupEvent event) {
        wamp.register(AuthProcedure.PROCEDURE, SHARED, auth::handle)
                .onSuccess(r -> LOG.infof("registered %s", AuthProcedure.PROCEDURE))
                .onFailure(e -> LOG.errorf("could not register %s: %s", AuthProcedure.PROCEDURE, e.getMessage()));
        wamp.register(AuthorizeProcedure.PROCEDURE, SHARED, authorize::handle)
                .onSuccess(r -> LOG.infof("registered %s", AuthorizeProcedure.PROCEDURE))
                .onFailure(e -> LOG.errorf("could not register %s: %s", AuthorizeProcedure.PROCEDURE, e.getMessage()));
    }
}
