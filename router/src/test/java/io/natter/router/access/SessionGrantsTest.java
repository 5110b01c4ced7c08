package io.natter.router.access;

import io.natter.router.access.Authorization;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.uri.MatchPolicy;
import org.junit.jupiter.api.Test;

class SessionGrantsTest {

    private static SessionGrants.Key key(String uri, Action action) {
        return new SessionGrants.Key(uri, MatchPolicy.EXACT, action);
    }

    private final SessionGrants grants = new SessionGrants();

    @Test
    void expires() {
        grants.put(key("a", Action.CALL), Authorization.ALLOW, 100, 10, grants.generation());
        assertThat(grants.get(key("a", Action.CALL), 99)).isEqualTo(Authorization.ALLOW);
        assertThat(grants.get(key("a", Action.PUBLISH), 99)).isNull();
        assertThat(grants.get(key("a", Action.CALL), 100)).isNull();
        assertThat(grants.size()).isZero();
    }

    @Test
    void boundedLeastRecentlyUsedFirst() {
        for (int i = 0; i < 5; i++) {
            grants.put(key("u" + i, Action.CALL), Authorization.ALLOW, 1000, 3, grants.generation());
            grants.get(key("u0", Action.CALL), 0);
        }
        assertThat(grants.size()).isEqualTo(3);
        assertThat(grants.get(key("u0", Action.CALL), 0)).as("recently used").isNotNull();
        assertThat(grants.get(key("u1", Action.CALL), 0)).isNull();
    }

    @Test
    void revokeDropsOverlappingGrantsAndLateAnswers() {
        grants.put(key("natter.thread.a", Action.SUBSCRIBE), Authorization.ALLOW, 1000, 10, grants.generation());
        grants.put(key("natter.thread.b", Action.SUBSCRIBE), Authorization.ALLOW, 1000, 10, grants.generation());
        grants.put(new SessionGrants.Key("natter.thread.", MatchPolicy.PREFIX, Action.SUBSCRIBE), Authorization.ALLOW, 1000, 10, grants.generation());
        long asked = grants.generation();
        assertThat(grants.revoke("natter.thread.a", MatchPolicy.EXACT)).isEqualTo(2);
        assertThat(grants.get(key("natter.thread.b", Action.SUBSCRIBE), 0)).isNotNull();
        grants.put(key("natter.thread.a", Action.PUBLISH), Authorization.ALLOW, 1000, 10, asked);
        assertThat(grants.get(key("natter.thread.a", Action.PUBLISH), 0)).as("asked before the revocation").isNull();
    }
}
