package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.WampErrors;
import io.natter.wamp.client.CallResult;
import io.natter.wamp.client.Registration;
import io.natter.wamp.client.WampClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** Shared registrations: the {@code invoke} policies single, roundrobin, first, last and random. */
@QuarkusTest
class SharedRegistrationIT extends RouterIT {

    @BothWires
    void singleRefusesASecondCallee(Wire wire) throws Exception {
        WampClient a = connect(wire);
        WampClient b = connect(wire);
        await(register(a, "it.shared.single", "single", "a"));

        assertThat(awaitError(register(b, "it.shared.single", "single", "b")).error()).isEqualTo(WampErrors.PROCEDURE_ALREADY_EXISTS);
        assertThat(awaitError(register(b, "it.shared.single", "roundrobin", "b")).error()).isEqualTo(WampErrors.PROCEDURE_ALREADY_EXISTS);
        assertThat(await(b.call("it.shared.single", List.of())).args()).containsExactly("a");
    }

    @BothWires
    void defaultPolicyIsSingle(Wire wire) throws Exception {
        WampClient a = connect(wire);
        WampClient b = connect(wire);
        await(a.register("it.shared.default", Map.of(), ctx -> Future.succeededFuture(CallResult.of("a"))));

        assertThat(awaitError(register(b, "it.shared.default", "single", "b")).error()).isEqualTo(WampErrors.PROCEDURE_ALREADY_EXISTS);
    }

    @BothWires
    void roundrobinAlternatesBetweenCallees(Wire wire) throws Exception {
        WampClient a = connect(wire);
        WampClient b = connect(wire);
        WampClient caller = connect(wire);
        Registration ra = await(register(a, "it.shared.rr", "roundrobin", "a"));
        Registration rb = await(register(b, "it.shared.rr", "roundrobin", "b"));

        List<Object> answers = calls(caller, "it.shared.rr", 6);

        assertThat(rb.id()).as("one registration, two callees").isEqualTo(ra.id());
        assertThat(registry.stats(REALM).registrations()).isEqualTo(1);
        assertThat(new HashSet<>(answers)).containsExactlyInAnyOrder("a", "b");
        for (int i = 1; i < answers.size(); i++) {
            assertThat(answers.get(i)).as("call %d", i).isNotEqualTo(answers.get(i - 1));
        }
    }

    @BothWires
    void firstPicksTheFirstRegistrant(Wire wire) throws Exception {
        WampClient a = connect(wire);
        WampClient b = connect(wire);
        WampClient caller = connect(wire);
        Registration first = await(register(a, "it.shared.first", "first", "a"));
        await(register(b, "it.shared.first", "first", "b"));

        assertThat(calls(caller, "it.shared.first", 4)).containsExactly("a", "a", "a", "a");
        await(a.unregister(first));
        assertThat(calls(caller, "it.shared.first", 2)).containsExactly("b", "b");
    }

    @BothWires
    void lastPicksTheLastRegistrant(Wire wire) throws Exception {
        WampClient a = connect(wire);
        WampClient b = connect(wire);
        WampClient caller = connect(wire);
        await(register(a, "it.shared.last", "last", "a"));
        Registration last = await(register(b, "it.shared.last", "last", "b"));

        assertThat(calls(caller, "it.shared.last", 4)).containsExactly("b", "b", "b", "b");
        await(b.unregister(last));
        assertThat(calls(caller, "it.shared.last", 2)).containsExactly("a", "a");
    }

    @BothWires
    void randomReachesEveryCallee(Wire wire) throws Exception {
        WampClient a = connect(wire);
        WampClient b = connect(wire);
        WampClient caller = connect(wire);
        await(register(a, "it.shared.random", "random", "a"));
        await(register(b, "it.shared.random", "random", "b"));

        List<Object> answers = calls(caller, "it.shared.random", 60);

        assertThat(answers).contains("a", "b").containsOnly("a", "b");
    }

    @BothWires
    void mismatchedPolicyIsRefused(Wire wire) throws Exception {
        WampClient a = connect(wire);
        WampClient b = connect(wire);
        await(register(a, "it.shared.mismatch", "roundrobin", "a"));

        assertThat(awaitError(register(b, "it.shared.mismatch", "random", "b")).error())
                .isEqualTo(WampErrors.PROCEDURE_EXISTS_WITH_DIFFERENT_INVOCATION_POLICY);
        assertThat(awaitError(register(b, "it.shared.mismatch", "single", "b")).error())
                .isEqualTo(WampErrors.PROCEDURE_EXISTS_WITH_DIFFERENT_INVOCATION_POLICY);
        assertThat(await(register(b, "it.shared.mismatch", "roundrobin", "b")).id()).isPositive();
    }

    @BothWires
    void aCalleeLeavingASharedRegistrationKeepsItForTheOthers(Wire wire) throws Exception {
        WampClient a = connect(wire);
        WampClient b = connect(wire);
        WampClient caller = connect(wire);
        await(register(a, "it.shared.leave", "roundrobin", "a"));
        await(register(b, "it.shared.leave", "roundrobin", "b"));

        await(a.close());

        assertThat(calls(caller, "it.shared.leave", 3)).containsExactly("b", "b", "b");
        assertThat(registry.stats(REALM).registrations()).isEqualTo(1);
    }

    private static Future<Registration> register(WampClient callee, String procedure, String invoke, String answer) {
        return callee.register(procedure, Map.of("invoke", invoke), ctx -> Future.succeededFuture(CallResult.of(answer)));
    }

    /** The first result argument of {@code count} calls made one after another. */
    private static List<Object> calls(WampClient caller, String procedure, int count) throws Exception {
        List<Object> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(await(caller.call(procedure, List.of())).args().get(0));
        }
        return answers;
    }
}
