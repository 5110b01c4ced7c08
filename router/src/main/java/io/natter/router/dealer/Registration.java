package io.natter.router.dealer;

import io.natter.router.session.Session;
import io.natter.wamp.uri.MatchPolicy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A registration: one procedure or pattern under one match policy with its callees (several for
 * a shared registration) and its invocation policy. Mutable state is guarded by the realm lock.
 */
public final class Registration {

    private final long id;
    private final String uri;
    private final MatchPolicy policy;
    private final InvokePolicy invoke;
    private final String created;
    private final List<Session> callees = new ArrayList<>(1);
    private final List<Boolean> discloseCaller = new ArrayList<>(1);
    private int nextRoundRobin;

    Registration(long id, String uri, MatchPolicy policy, InvokePolicy invoke, Instant created) {
        this.id = id;
        this.uri = uri;
        this.policy = policy;
        this.invoke = invoke;
        this.created = created.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public long id() {
        return id;
    }

    public String uri() {
        return uri;
    }

    public MatchPolicy policy() {
        return policy;
    }

    public InvokePolicy invoke() {
        return invoke;
    }

    /** The callees in registration order. Realm lock held. */
    public List<Session> callees() {
        return Collections.unmodifiableList(callees);
    }

    boolean contains(Session session) {
        return callees.contains(session);
    }

    void add(Session session, boolean disclose) {
        callees.add(session);
        discloseCaller.add(disclose);
    }

    /** Removes {@code session}; false if it was not a callee. */
    boolean remove(Session session) {
        int at = callees.indexOf(session);
        if (at < 0) {
            return false;
        }
        callees.remove(at);
        discloseCaller.remove(at);
        if (at < nextRoundRobin) {
            nextRoundRobin--;
        }
        if (nextRoundRobin >= callees.size()) {
            nextRoundRobin = 0;
        }
        return true;
    }

    boolean isEmpty() {
        return callees.isEmpty();
    }

    /** Whether {@code callee} registered with {@code disclose_caller}. */
    boolean disclosesCallerTo(Session callee) {
        int at = callees.indexOf(callee);
        return at >= 0 && discloseCaller.get(at);
    }

    /** The callee of the next call, by the invocation policy. Realm lock held; not empty. */
    Session select() {
        return switch (invoke) {
            case SINGLE, FIRST -> callees.get(0);
            case LAST -> callees.get(callees.size() - 1);
            case RANDOM -> callees.get(ThreadLocalRandom.current().nextInt(callees.size()));
            case ROUNDROBIN -> {
                Session callee = callees.get(nextRoundRobin);
                nextRoundRobin = (nextRoundRobin + 1) % callees.size();
                yield callee;
            }
        };
    }

    /** The registration details of the meta API: {@code {id, created, uri, match, invoke}}. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("id", id);
        details.put("created", created);
        details.put("uri", uri);
        details.put("match", policy.wireName());
        details.put("invoke", invoke.wireName());
        return details;
    }
}
