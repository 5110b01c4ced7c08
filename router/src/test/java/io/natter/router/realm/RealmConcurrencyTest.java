package io.natter.router.realm;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.router.testing.TestRealm;
import io.natter.router.testing.TestRealm.Peer;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Unsubscribe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several threads publishing, subscribing and unsubscribing on one realm at once. */
class RealmConcurrencyTest {

    private static final int PUBLISHERS = 4;
    private static final int EVENTS = 2_000;

    @Test
    void eventsKeepPublisherOrderAndNeverPrecedeTheirSubscribed() throws Exception {
        TestRealm realm = new TestRealm();
        Peer steady = realm.join("steady", "user");
        Peer churn = realm.join("churn", "user");
        realm.send(steady, new Subscribe(steady.request(), Map.of(), "t"));
        List<Peer> publishers = new ArrayList<>();
        for (int i = 0; i < PUBLISHERS; i++) {
            publishers.add(realm.join("p" + i, "user"));
        }

        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS + 1);
        CountDownLatch churning = new CountDownLatch(1);
        CountDownLatch publishing = new CountDownLatch(PUBLISHERS);
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            Peer publisher = publishers.get(p);
            int index = p;
            done.add(pool.submit(() -> {
                churning.await(30, TimeUnit.SECONDS);
                for (int n = 0; n < EVENTS; n++) {
                    realm.send(publisher, new Publish(publisher.request(), Map.of(), "t", List.of(index, n), Map.of()));
                }
                publishing.countDown();
                return null;
            }));
        }
        // the churn goes on for as long as anyone publishes (and publishing starts once it runs),
        // however the threads happen to be scheduled on a busy machine
        done.add(pool.submit(() -> {
            for (int i = 0; i < 200 || publishing.getCount() > 0; i++) {
                long request = churn.request();
                realm.send(churn, new Subscribe(request, Map.of("match", "prefix"), "t"));
                long subscription = churn.out().messages(Subscribed.class).stream().filter(s -> s.request() == request)
                        .findFirst().orElseThrow().subscription();
                realm.send(churn, new Unsubscribe(churn.request(), subscription));
                churning.countDown();
            }
        }));
        for (Future<?> future : done) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        int[] last = new int[PUBLISHERS];
        java.util.Arrays.fill(last, -1);
        List<Event> events = steady.out().messages(Event.class);
        assertThat(events).hasSize(PUBLISHERS * EVENTS);
        for (Event event : events) {
            int publisher = (Integer) event.args().get(0);
            int n = (Integer) event.args().get(1);
            assertThat(n).as("publisher %d order", publisher).isEqualTo(last[publisher] + 1);
            last[publisher] = n;
        }

        // each churn subscription is created afresh (prefix "t", churn its only subscriber), so an
        // EVENT for an ID not yet announced by SUBSCRIBED would have overtaken its reply
        java.util.Set<Long> announced = new java.util.HashSet<>();
        int churnEvents = 0;
        for (Message message : churn.out().messages()) {
            if (message instanceof Subscribed subscribed) {
                announced.add(subscribed.subscription());
            } else if (message instanceof Event event) {
                churnEvents++;
                assertThat(announced).as("EVENT before its SUBSCRIBED").contains(event.subscription());
            }
        }
        assertThat(announced).hasSizeGreaterThan(1);
        assertThat(churnEvents).isPositive();
        assertThat(realm.realm.stats().subscriptions()).isEqualTo(1);
    }
}
