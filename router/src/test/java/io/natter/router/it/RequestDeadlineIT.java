package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deadline of the HTTP request before the upgrade, on the packaged router with
 * {@code natter.router.connections.request-timeout=2S}: a slowloris (the upgrade request a byte
 * at a time, each byte well within any idle timeout) and an idle kept-alive connection are
 * closed at the deadline; an upgraded WebSocket is not.
 */
class RequestDeadlineIT {

    private static final long TIMEOUT_MS = 2000;
    private static final String UPGRADE = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: wamp.2.json\r\n\r\n";

    private static ServiceProcess router;

    @BeforeAll
    static void start() throws IOException {
        router = PackagedRouter.start("request-deadline", Map.of("NATTER_ROUTER_CONNECTIONS_REQUEST_TIMEOUT", "2S"));
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.stop();
        }
    }

    @Test
    void aRequestHeadTrickledAByteAtATimeIsClosedAtTheDeadline() throws Exception {
        try (TcpPeer slow = TcpPeer.open(router.httpPort(), "127.0.0.31")) {
            long start = System.nanoTime();
            byte[] request = UPGRADE.getBytes(StandardCharsets.ISO_8859_1);
            String state = "open";
            int sent = 0;
            while (sent < request.length && state.equals("open")) {
                try {
                    slow.sendRaw(UPGRADE.substring(sent, sent + 1));
                    sent++;
                } catch (IOException e) {
                    state = "closed";
                    break;
                }
                state = slow.stateWithin(250); // a byte every 250 ms: an idle timeout never fires
            }
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(state).isEqualTo("closed");
            assertThat(sent).as("the head was not complete").isLessThan(request.length);
            assertThat(elapsed).isBetween(TIMEOUT_MS - 50, TIMEOUT_MS + 3000);
        }
        assertThat(Files.readString(router.logFile())).contains("request timeout: session=0 peer=tcp4:127.0.0.31:")
                .contains("reason=natter.error.request_timeout message=no complete HTTP request head within 2000 ms");
    }

    @Test
    void aKeptAliveConnectionWithoutANextRequestIsClosedAtTheDeadline() throws Exception {
        try (TcpPeer peer = TcpPeer.open(router.httpPort(), "127.0.0.32")) {
            long asked = System.nanoTime();
            peer.sendRaw("GET /q/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(peer.readHead()).startsWith("HTTP/1.1 200");
            long answered = System.nanoTime();
            String state = peer.stateWithin(5000);
            while (state.equals("data")) {
                state = peer.stateWithin(5000); // the rest of the body
            }
            long closed = System.nanoTime();

            assertThat(state).isEqualTo("closed");
            // The deadline runs from the answer's leaving, between the asking and the reading.
            assertThat(TimeUnit.NANOSECONDS.toMillis(closed - asked)).isGreaterThanOrEqualTo(TIMEOUT_MS - 50);
            assertThat(TimeUnit.NANOSECONDS.toMillis(closed - answered)).isLessThanOrEqualTo(TIMEOUT_MS + 3000);
        }
    }

    @Test
    void anUpgradedSessionOutlivesTheDeadline() throws Exception {
        try (TcpPeer peer = TcpPeer.open(router.httpPort(), "127.0.0.33")) {
            peer.sendRaw(UPGRADE);
            assertThat(peer.readHead()).startsWith("HTTP/1.1 101");
            peer.sendText("[1,\"realm1\",{\"roles\":{\"caller\":{}}}]");
            peer.flush();
            assertThat(peer.readTextFrame()).startsWith("[2,");

            Thread.sleep(TIMEOUT_MS + 1000);

            peer.sendText("[48,1,{},\"wamp.session.count\",[]]");
            peer.flush();
            assertThat(peer.readTextFrame()).isEqualTo("[50,1,{},[1]]");
        }
    }
}
