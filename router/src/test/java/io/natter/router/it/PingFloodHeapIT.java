package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A ping flood against the packaged router under a small heap ({@code -Xmx256m}, test-support's
 * {@link ServiceProcess}; the issue saw {@code -Xmx512m} run out in 9 s): a session that sends
 * WebSocket pings and never reads the pongs is dropped once its bounded outbound queue overflows,
 * and a witness session is served all along and after. Against the router before pongs went
 * through the outbound queue (commit 9f48125's parent) this test fails: the router runs out of
 * heap ({@code OutOfMemoryError} on its event loop) and stops serving the witness.
 */
class PingFloodHeapIT {

    /** About 400 MB of pings, each answered by a pong of the same size: far past the heap. */
    private static final int PINGS = 3_000_000;
    private static final long FLOOD_SECONDS = 60;
    private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\"\\} ([0-9.E]+)");

    private static ServiceProcess router;

    @BeforeAll
    static void start() throws IOException {
        router = PackagedRouter.start("ping-flood", Map.of());
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.stop();
        }
    }

    @Test
    void aFlooderThatNeverReadsIsDroppedAndAWitnessIsServedUnderA256MiBHeap() throws Exception {
        try (TcpPeer witness = joined("127.0.0.51"); TcpPeer flooder = joined("127.0.0.52")) {
            assertThat(sessionCount(witness, 1)).isEqualTo(2);

            byte[] payload = new byte[125];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FLOOD_SECONDS);
            // A router that stops reading (out of memory) blocks the writes for good: cut them off.
            Thread watchdog = new Thread(() -> {
                try {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(FLOOD_SECONDS + 5));
                    flooder.close();
                } catch (InterruptedException e) {
                    // the flood ended in time
                }
            }, "ping-flood-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            int sent = 0;
            boolean dropped = false;
            try {
                for (; sent < PINGS && System.nanoTime() < deadline; sent++) {
                    flooder.ping(payload);
                }
                flooder.flush();
            } catch (IOException e) {
                dropped = true; // the router closed the flooder's connection while it was still sending
            }
            watchdog.interrupt();

            long request = 2;
            long sessions = sessionCount(witness, request);
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(RouterIT.WAIT_SECONDS);
            while (sessions != 1 && System.nanoTime() < waitUntil) {
                Thread.sleep(100);
                sessions = sessionCount(witness, ++request);
            }
            double heap = heapUsed();
            System.out.printf("ping flood: %d pings sent, flooder %s, heap used after: %.0f MiB%n", sent,
                    dropped ? "cut off while sending" : "sent all", heap / (1 << 20));

            assertThat(sessions).as("the flooder's session is gone, the witness's is served").isEqualTo(1);
            // Its socket goes too: the close frame cannot reach a peer that does not read, so the
            // connection is cut once the WebSocket closing timeout (10 s) is over.
            assertThat(flooder.closedWithin(30)).as("the flooder's connection is closed").isTrue();
            assertThat(sessionCount(witness, ++request)).as("the witness is served after").isEqualTo(1);
            assertThat(router.isAlive()).isTrue();
            assertThat(Files.readString(router.logFile())).doesNotContain("OutOfMemoryError");
            assertThat(heap).as("heap used (of 256 MiB)").isLessThan(192.0 * (1 << 20));
        }
    }

    /** A WebSocket from {@code localAddress} with a session in {@code realm1}. */
    private static TcpPeer joined(String localAddress) throws IOException {
        TcpPeer peer = TcpPeer.open(router.httpPort(), localAddress);
        assertThat(peer.upgrade()).contains("101");
        peer.sendText("[1,\"realm1\",{\"roles\":{\"caller\":{}}}]");
        peer.flush();
        assertThat(peer.readTextFrame()).startsWith("[2,");
        return peer;
    }

    private static long sessionCount(TcpPeer peer, long request) throws IOException {
        peer.sendText("[48," + request + ",{},\"wamp.session.count\",[]]");
        peer.flush();
        String result = peer.readTextFrame();
        Matcher m = Pattern.compile("\\[50," + request + ",\\{\\},\\[(\\d+)\\]\\]").matcher(result);
        assertThat(m.matches()).as("RESULT of wamp.session.count: %s", result).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The router's heap in use now, summed over its pools ({@code /q/metrics}). */
    private static double heapUsed() {
        Matcher m = HEAP.matcher(router.get("/q/metrics"));
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        assertThat(sum).as("jvm_memory_used_bytes of the heap in /q/metrics").isPositive();
        return sum;
    }
}
