package io.natter.router.dealer;

import io.natter.router.observe.Observation;
import io.natter.router.peer.Session;
import io.natter.wamp.uri.MatchPolicy;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A registration: one procedure or pattern under one match policy with its callees (several for
 * a shared registration, its observers in registration order) and its invocation policy. Its own
 * state (who asked for {@code disclose_caller}, the round-robin position) is guarded by the realm
 * lock.
 */
public final class Registration extends Observation {

    private final InvokePolicy invoke;
    private final Set<Session> disclosingCaller = Collections.newSetFromMap(new IdentityHashMap<>());
    private int nextRoundRobin;

    Registration(long id, String uri, MatchPolicy policy, InvokePolicy invoke, Instant created) {
        super(id, uri, policy, created);
        this.invoke = invoke;
    }

    public InvokePolicy invoke() {
        return invoke;
    }

    /** Records that {@code callee} registered with {@code disclose_caller}. Realm lock held. */
    void discloseCallerTo(Session callee) {
        disclosingCaller.add(callee);
    }

    /** Whether {@code callee} registered with {@code disclose_caller}. Realm lock held. */
    boolean disclosesCallerTo(Session callee) {
        return disclosingCaller.contains(callee);
    }

    @Override
    protected void removed(Session callee, int at) {
        disclosingCaller.remove(callee);
        if (at < nextRoundRobin) {
            nextRoundRobin--;
        }
        if (nextRoundRobin >= observers().length) {
            nextRoundRobin = 0;
        }
    }

    /** The callee of the next call, by the invocation policy. Realm lock held; not empty. */
    Session select() {
        Session[] callees = observers();
        return switch (invoke) {
            case SINGLE, FIRST -> callees[0];
            case LAST -> callees[callees.length - 1];
            case RANDOM -> callees[ThreadLocalRandom.current().nextInt(callees.length)];
            case ROUNDROBIN -> {
                Session callee = callees[nextRoundRobin];
                nextRoundRobin = (nextRoundRobin + 1) % callees.length;
                yield callee;
            }
        };
    }

    /** The registration details of the meta API: {@code {id, created, uri, match, invoke}}. */
    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = super.details();
        details.put("invoke", invoke.wireName());
        return details;
    }
}
