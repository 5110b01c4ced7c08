package io.natter.wamp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natter.wamp.message.Call;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Unsubscribe;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

class PendingRequestsTest {

    private final PendingRequests pending = new PendingRequests();

    @Test
    void aReplyMatchesOnlyARequestOfItsType() {
        pending.add(1, Subscribe.CODE, Promise.promise(), "sub");
        pending.add(2, Call.CODE, Promise.promise(), "call");

        assertThat(pending.get(1, Call.CODE)).isNull();
        assertThat(pending.remove(2, Subscribe.CODE)).isNull();
        assertThat(pending.get(1, Subscribe.CODE).state).isEqualTo("sub");
        assertThat(pending.size()).isEqualTo(2);

        PendingRequests.Pending call = pending.remove(2, Call.CODE);
        assertThat(call.state).isEqualTo("call");
        assertThat(call.request).isEqualTo(2);
        assertThat(pending.remove(2, Call.CODE)).isNull();
        assertThat(pending.get(3, Unsubscribe.CODE)).isNull();
    }

    @Test
    void anIdIsPendingAtMostOnce() {
        pending.add(7, Subscribe.CODE, Promise.promise(), null);
        assertThatThrownBy(() -> pending.add(7, Call.CODE, Promise.promise(), null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void drainHandsOutEverythingOnce() {
        pending.add(1, Subscribe.CODE, Promise.promise(), null);
        pending.add(2, Call.CODE, Promise.promise(), null);
        assertThat(pending.drain()).extracting(p -> p.request).containsExactlyInAnyOrder(1L, 2L);
        assertThat(pending.drain()).isEmpty();
        assertThat(pending.size()).isZero();
    }
}
