package io.natter.router.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.natter.wamp.WampErrors;
import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Welcome;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Each refusal leaves one INFO line naming session, peer, realm, authid and reason: a protocol
 * violation, a refused HELLO, an ABORT from the peer.
 */
@QuarkusTest
class RefusalLogIT extends RouterIT {

    private static final Logger CATEGORY = Logger.getLogger("io.natter.router.session.WampConnection");

    private final BlockingQueue<LogRecord> lines = new LinkedBlockingQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() throws InterruptedException {
        CATEGORY.addHandler(capture);
        // The refusal log allows 20 lines per second for the whole router: start on a fresh second.
        Thread.sleep(1100);
    }

    @AfterEach
    void release() {
        CATEGORY.removeHandler(capture);
    }

    @BothWires
    void aProtocolViolationIsLoggedWithItsSession(Wire wire) throws Exception {
        RawPeer peer = raw(wire);
        Welcome welcome = peer.join(REALM);
        peer.send(new Subscribe(0, Map.of(), "it.log.violation"));
        assertThat(peer.expect(Abort.class).reason()).isEqualTo(WampErrors.PROTOCOL_VIOLATION);

        String line = line("protocol violation");
        assertThat(line).contains("session=" + welcome.session(), "peer=tcp4:127.0.0.1:", "realm=realm1",
                "authid=" + welcome.details().get("authid"), "reason=wamp.error.protocol_violation",
                "SUBSCRIBE request ID 0");
    }

    @BothWires
    void aRefusedHelloIsLogged(Wire wire) throws Exception {
        RawPeer peer = raw(wire);
        peer.send(new Hello("it.no_such_realm", Map.of("roles", RawPeer.ROLES, "authid", "mallory")));
        assertThat(peer.expect(Abort.class).reason()).isEqualTo(WampErrors.NO_SUCH_REALM);

        assertThat(line("HELLO refused")).contains("peer=tcp4:127.0.0.1:", "realm=it.no_such_realm", "authid=mallory",
                "reason=wamp.error.no_such_realm");
    }

    @BothWires
    void anAbortFromThePeerIsLogged(Wire wire) throws Exception {
        RawPeer peer = raw(wire);
        Welcome welcome = peer.join(REALM);
        peer.send(new Abort(Map.of("message", "line\nbreak"), "it.log.going_away"));
        peer.awaitClose();

        assertThat(line("ABORT received")).contains("session=" + welcome.session(), "realm=realm1",
                "reason=it.log.going_away").doesNotContain("\n");
    }

    /** The first INFO line that starts with {@code what}, formatted. */
    private String line(String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            LogRecord record = lines.poll(100, TimeUnit.MILLISECONDS);
            if (record == null) {
                continue;
            }
            String text = format(record);
            if (text.startsWith(what)) {
                assertThat(record.getLevel()).isEqualTo(Level.INFO);
                return text;
            }
        }
        return fail("no log line '" + what + "…' within " + WAIT_SECONDS + " s");
    }

    private static String format(LogRecord record) {
        if (record instanceof org.jboss.logmanager.ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        Object[] parameters = record.getParameters();
        String message = record.getMessage();
        if (parameters == null || parameters.length == 0) {
            return message;
        }
        return String.format(message, parameters);
    }
}
