package io.natter.router.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

    @Test
    void atMostTheRateIsWrittenAndTheRestIsCounted() {
        String category = "io.natter.router.session.RefusalLogTest.rate";
        List<String> lines = capture(category);
        AtomicLong now = new AtomicLong();
        RefusalLog log = new RefusalLog(Logger.getLogger(category), 2, now::get);

        for (int i = 0; i < 5; i++) {
            log.log("protocol violation", i, "tcp4:1.2.3.4:5", "realm1", "alice", "wamp.error.protocol_violation", "m" + i);
        }
        now.addAndGet(1_000_000_000L);
        log.log("HELLO refused", 9, "tcp4:1.2.3.4:5", "realm1", "bob", "wamp.error.no_such_realm", "later");

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("session=0", "message=m0");
        assertThat(lines.get(1)).contains("message=m1");
        assertThat(lines.get(2)).isEqualTo("3 refusal log lines suppressed (more than 2 per second)");
        assertThat(lines.get(3)).startsWith("HELLO refused: session=9 peer=tcp4:1.2.3.4:5 realm=realm1 authid=bob");
    }

    @Test
    void peerTextIsCutAndCannotBreakTheLine() {
        assertThat(RefusalLog.clean("a\nb\rc")).isEqualTo("a?b?c");
        assertThat(RefusalLog.clean("x".repeat(500))).hasSize(121).endsWith("…");
        assertThat(RefusalLog.clean(null)).isEqualTo("-");
    }

    private static List<String> capture(String category) {
        List<String> lines = new ArrayList<>();
        java.util.logging.Logger.getLogger(category).addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                Object[] parameters = record.getParameters();
                lines.add(record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                        : parameters == null ? record.getMessage() : String.format(record.getMessage(), parameters));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return lines;
    }
}
