package io.natter.wamp.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The adapter's hold-back of callbacks that arrive before the connection is handed out. */
class WebSocketsNextTransportTest {

    @Test
    void callbacksBeforeTheOpenAreHeldBackThenPassedOnInOrder() {
        WebSocketsNextTransport.Gate gate = new WebSocketsNextTransport.Gate();
        List<String> seen = new ArrayList<>();
        gate.deliver(() -> seen.add("first"));
        gate.deliver(() -> seen.add("second"));
        assertThat(seen).isEmpty();

        gate.open();
        assertThat(seen).containsExactly("first", "second");
        gate.deliver(() -> seen.add("third"));
        assertThat(seen).containsExactly("first", "second", "third");
    }

    @Test
    void aCallbackArrivingWhileHeldOnesArePassedOnWaitsItsTurn() throws Exception {
        WebSocketsNextTransport.Gate gate = new WebSocketsNextTransport.Gate();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch draining = new CountDownLatch(1);
        CountDownLatch lateQueued = new CountDownLatch(1);
        gate.deliver(() -> {
            seen.add(1);
            draining.countDown();
            try {
                // Hold the drain until the other thread's callback is in: it must come after 2.
                lateQueued.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        gate.deliver(() -> seen.add(2));
        Thread late = new Thread(() -> {
            try {
                draining.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gate.deliver(() -> seen.add(3));
            lateQueued.countDown();
        });
        late.start();

        gate.open();
        late.join(5000);
        assertThat(seen).containsExactly(1, 2, 3);
    }
}
