package io.natter.listener.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PresenceStateTest {

    private final PresenceState state = new PresenceState();

    @Test
    void aSubscribedUserJoinsAndLeavesOnUnsubscribe() {
        state.join(1, "alice");
        assertThat(state.create(100, "natter.thread.general", "exact")).isEmpty();
        assertThat(state.subscribe(100, 1))
                .containsExactly(new PresenceChange("general", "alice", null, List.of("alice")));
        assertThat(state.online("general")).containsExactly("alice");

        assertThat(state.unsubscribe(100, 1))
                .containsExactly(new PresenceChange("general", null, "alice", List.of()));
        assertThat(state.online("general")).isEmpty();
        assertThat(state.delete(100)).isEmpty();
    }

    @Test
    void twoTabsAreOnlineOnceUntilTheLastGoes() {
        state.join(1, "alice");
        state.join(2, "alice");
        state.join(3, "bob");
        state.create(100, "natter.thread.general", "exact");
        assertThat(state.subscribe(100, 1)).hasSize(1);
        assertThat(state.subscribe(100, 2)).as("second tab").isEmpty();
        assertThat(state.subscribe(100, 3))
                .containsExactly(new PresenceChange("general", "bob", null, List.of("alice", "bob")));

        assertThat(state.unsubscribe(100, 1)).as("one tab closed").isEmpty();
        assertThat(state.online("general")).containsExactly("alice", "bob");
        assertThat(state.leave(2))
                .containsExactly(new PresenceChange("general", null, "alice", List.of("bob")));
    }

    @Test
    void aCrashedSessionLeavesEveryThreadAtOnce() {
        state.join(1, "alice");
        state.create(100, "natter.thread.general", "exact");
        state.create(200, "natter.thread.random", "exact");
        state.subscribe(100, 1);
        state.subscribe(200, 1);

        // The router sends on_leave for a lost connection; the unsubscribe events may come before or not at all.
        assertThat(state.leave(1)).containsExactlyInAnyOrder(
                new PresenceChange("general", null, "alice", List.of()),
                new PresenceChange("random", null, "alice", List.of()));
        assertThat(state.snapshot()).isEmpty();
        assertThat(state.unsubscribe(100, 1)).isEmpty();
    }

    @Test
    void aSubscriptionDeletedTakesItsSubscribersOffline() {
        state.join(1, "alice");
        state.create(100, "natter.thread.general", "exact");
        state.subscribe(100, 1);
        assertThat(state.delete(100)).containsExactly(new PresenceChange("general", null, "alice", List.of()));
    }

    @Test
    void onlyExactThreadSubscriptionsCount() {
        state.join(1, "listener");
        state.join(2, "alice");
        state.create(100, "natter.thread.", "prefix");
        state.create(101, "natter.presence.general", "exact");
        state.create(102, "natter.thread.Not_A_Permalink", "exact");
        assertThat(state.subscribe(100, 1)).isEmpty();
        assertThat(state.subscribe(101, 2)).isEmpty();
        assertThat(state.subscribe(102, 2)).isEmpty();
        assertThat(state.subscribe(999, 2)).as("unknown subscription").isEmpty();
        assertThat(state.snapshot()).isEmpty();
    }

    @Test
    void aSessionLearntAfterItSubscribedBringsItsUserOnline() {
        state.create(100, "natter.thread.general", "exact");
        assertThat(state.subscribe(100, 7)).as("authid not known yet").isEmpty();
        assertThat(state.knows(7)).isFalse();
        assertThat(state.join(7, "carol")).containsExactly(new PresenceChange("general", "carol", null, List.of("carol")));
    }

    @Test
    void replayingEventsASnapshotAlreadyHoldsLeavesTheTruth() {
        // Snapshot: alice (1) subscribed; events that arrived while it was taken: bob joined and
        // subscribed, alice's session 1 subscribed (already in the snapshot) then left.
        state.create(100, "natter.thread.general", "exact");
        state.subscribe(100, 1);
        state.join(1, "alice");
        state.join(2, "bob");
        state.subscribe(100, 2);
        state.subscribe(100, 1);
        state.leave(1);
        assertThat(state.online("general")).containsExactly("bob");
    }

    @Test
    void rebuildPublishesTheDifferencesFromWhatRedisHeld() {
        state.join(1, "alice");
        state.join(2, "bob");
        state.create(100, "natter.thread.general", "exact");
        state.subscribe(100, 1);
        state.subscribe(100, 2);

        // Redis: carol was online in general (her session went while no listener ran), dave in old.
        Map<String, Set<String>> stored = Map.of("general", Set.of("alice", "carol"), "old", Set.of("dave"));
        assertThat(PresenceState.differences(stored, state.snapshot())).containsExactly(
                new PresenceChange("general", null, "carol", List.of("alice")),
                new PresenceChange("general", "bob", null, List.of("alice", "bob")),
                new PresenceChange("old", null, "dave", List.of()));
        assertThat(PresenceState.differences(state.snapshot(), state.snapshot())).isEmpty();
    }

    @Test
    void thePayloadNamesTheThreadWhoIsOnlineAndTheChange() {
        assertThat(new PresenceChange("general", null, "alice", List.of("bob")).payload())
                .isEqualTo(Map.of("thread", "general", "online", List.of("bob"), "left", "alice"));
        assertThat(new PresenceChange("general", "carol", null, List.of("bob", "carol")).payload())
                .isEqualTo(Map.of("thread", "general", "online", List.of("bob", "carol"), "joined", "carol"));
    }
}
