package io.natter.router.realm;

/** A snapshot of what a realm holds: for tests asserting that nothing leaks, and for metrics. */
public record RealmStats(String realm, int sessions, int subscriptions, int registrations, int pendingCalls) {

    /** Whether the realm holds no session, subscription, registration or call in flight. */
    public boolean isEmpty() {
        return sessions == 0 && subscriptions == 0 && registrations == 0 && pendingCalls == 0;
    }
}
