package io.natter.router.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link RequestDeadline} on an embedded channel with a manual clock: what ends a head, what re-arms it. */
class RequestDeadlineTest {

    private final EmbeddedChannel channel = deadlineChannel();

    /** As a connection gets it: the handler in place, under its name, before the channel is registered. */
    private static EmbeddedChannel deadlineChannel() {
        EmbeddedChannel channel = new EmbeddedChannel(false, false);
        channel.pipeline().addFirst(RequestDeadline.NAME, new RequestDeadline(Duration.ofSeconds(2)));
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return channel;
    }

    private void read(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
        channel.readInbound(); // passed on unchanged
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void aConnectionWithoutAHeadIsClosedAtTheDeadline() {
        read("GET /ws HTTP/1.1\r\nHost: x\r\n");
        advance(1900);
        assertThat(channel.isActive()).isTrue();
        advance(200);
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aHeadSplitAcrossReadsEndsTheDeadline() {
        read("\r\nGET /ws HTTP/1.1\r\nHo");
        read("st: x\r\n\r");
        read("\n");
        advance(5000);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void bareLineFeedsEndAHeadToo() {
        read("GET /ws HTTP/1.1\nHost: x\n\n");
        advance(5000);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void theAnswerStartsTheDeadlineOfTheNextHead() {
        read("GET /q/health HTTP/1.1\r\nHost: x\r\n\r\n");
        advance(5000);
        channel.writeOutbound(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\n\r\n", StandardCharsets.ISO_8859_1));
        advance(1900);
        assertThat(channel.isActive()).isTrue();
        advance(200);
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void theUpgradeTakesTheDeadlineOff() {
        read("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n");
        channel.writeOutbound(Unpooled.copiedBuffer("HTTP/1.1 101 Switching Protocols\r\n\r\n", StandardCharsets.ISO_8859_1));
        RequestDeadline.remove(channel);
        advance(5000);
        assertThat(channel.isActive()).isTrue();
        assertThat(channel.pipeline().get(RequestDeadline.NAME)).isNull();
    }
}
