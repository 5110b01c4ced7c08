package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.WampErrors;
import io.natter.wamp.client.CallResult;
import io.natter.wamp.client.WampClient;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Unregistered;
import io.natter.wamp.message.Yield;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * REGISTER {@code force_reregister}, as Crossbar.io does it: the new callee takes the procedure
 * over from the callees that hold it (a worker restarted before its old session timed out is not
 * refused); the old ones are told with UNREGISTERED when they announced
 * {@code registration_revocation}.
 */
@QuarkusTest
class ForceReregisterIT extends RouterIT {

    private static Map<String, Object> rolesWithRevocation() {
        Map<String, Object> roles = new HashMap<>(RawPeer.ROLES);
        roles.put("callee", Map.of("features", Map.of("registration_revocation", true, "shared_registration", true,
                "pattern_based_registration", true)));
        return roles;
    }

    @BothWires
    void theNewCalleeTakesTheProcedureOver(Wire wire) throws Exception {
        String procedure = "it.force.take_over." + wire;
        RawPeer old = raw(wire);
        old.join(REALM, rolesWithRevocation());
        old.send(new Register(1, Map.of(), procedure));
        long oldRegistration = old.expect(Registered.class).registration();
        RawPeer restarted = raw(wire);
        restarted.join(REALM);

        restarted.send(new Register(1, Map.of(), procedure));
        Error refused = restarted.expect(Error.class);
        restarted.send(new Register(2, Map.of("force_reregister", true), procedure));
        Registered registered = restarted.expect(Registered.class);
        Unregistered kicked = old.expect(Unregistered.class);
        WampClient caller = connect(wire);
        var result = caller.call(procedure, List.of("who"));
        Invocation invocation = restarted.expect(Invocation.class);
        restarted.send(new Yield(invocation.request(), Map.of(), List.of("restarted"), Map.of()));

        assertThat(refused.error()).as("without the option").isEqualTo(WampErrors.PROCEDURE_ALREADY_EXISTS);
        assertThat(registered.request()).isEqualTo(2);
        assertThat(registered.registration()).isNotEqualTo(oldRegistration);
        assertThat(kicked.request()).isZero();
        assertThat(kicked.details()).containsEntry("reason", "wamp.error.unregistered");
        assertThat(id(kicked.details().get("registration"))).isEqualTo(oldRegistration);
        assertThat(await(result).args()).containsExactly("restarted");
        assertThat(registry.stats(REALM).registrations()).isEqualTo(1);
        assertThat(old.untilMarker()).as("no invocation for the old callee").isEmpty();
    }

    @BothWires
    void everyCalleeOfASharedRegistrationIsRemovedAndTheNewPolicyHolds(Wire wire) throws Exception {
        String procedure = "it.force.shared." + wire;
        WampClient first = connect(wire);
        WampClient second = connect(wire);
        await(first.register(procedure, Map.of("invoke", "roundrobin"), ctx -> io.vertx.core.Future.succeededFuture(CallResult.of("first"))));
        await(second.register(procedure, Map.of("invoke", "roundrobin"), ctx -> io.vertx.core.Future.succeededFuture(CallResult.of("second"))));
        RawPeer taker = raw(wire);
        long takerId = taker.join(REALM).session();

        taker.send(new Register(1, Map.of("force_reregister", true, "invoke", "single"), procedure));
        taker.expect(Registered.class);
        RawPeer other = raw(wire);
        other.join(REALM);
        other.send(new Register(1, Map.of("invoke", "roundrobin"), procedure));
        Error refused = other.expect(Error.class);

        assertThat(refused.error()).isEqualTo(WampErrors.PROCEDURE_ALREADY_EXISTS);
        var owners = await(first.call("wamp.registration.list_callees",
                List.of(await(first.call("wamp.registration.lookup", List.of(procedure))).args().get(0))));
        List<?> callees = (List<?>) owners.args().get(0);
        assertThat(callees).hasSize(1);
        assertThat(id(callees.get(0))).isEqualTo(takerId);
    }
}
