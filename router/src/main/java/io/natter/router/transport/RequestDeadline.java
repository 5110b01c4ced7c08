package io.natter.router.transport;

import io.natter.router.session.RefusalLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ByteProcessor;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for each HTTP request head on a connection not upgraded yet: the head (request line
 * and headers, up to the empty line) must arrive within the timeout, counted from the
 * connection's opening and, on a kept-alive connection, from the router's answer to the previous
 * request. Past it the connection is closed, however regularly the bytes trickle in (slowloris:
 * the HTTP server's idle timeout restarts with every byte). An idle kept-alive connection is
 * closed after it too.
 *
 * <p>It sits at the head of the connection's pipeline, before the HTTP decoder, and only looks
 * for the head's end (an empty line, CRLF or bare LF) in the bytes read; what it reads it passes
 * on unchanged. The upgrade to a WebSocket takes it out of the pipeline ({@link #remove}): from
 * there the WAMP handshake deadline and the heartbeat watch the connection.
 *
 * <p>Threading: one instance per connection, run on the connection's event loop.
 */
final class RequestDeadline extends ChannelDuplexHandler {

    static final String NAME = "natter-request-deadline";

    private final long timeoutNanos;
    private final ByteProcessor headEnd = this::scan;
    private ScheduledFuture<?> timer;
    private boolean waiting = true;
    private boolean lineHasText;
    private boolean sawLine;

    RequestDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** Takes the deadline off {@code channel} (upgraded); nothing when it has none. */
    static void remove(Channel channel) {
        if (channel.pipeline().get(NAME) != null) {
            try {
                channel.pipeline().remove(NAME);
            } catch (java.util.NoSuchElementException e) {
                // removed meanwhile
            }
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (waiting && msg instanceof ByteBuf bytes && bytes.isReadable()
                && bytes.forEachByte(bytes.readerIndex(), bytes.readableBytes(), headEnd) >= 0) {
            waiting = false;
            cancel();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!waiting) {
            // The answer to the request whose head came: the next head is due within the timeout.
            waiting = true;
            lineHasText = false;
            sawLine = false;
            arm(ctx);
        }
        ctx.write(msg, promise);
    }

    /** False (stop) at the empty line that ends a head; leading empty lines are skipped, as HTTP allows. */
    private boolean scan(byte b) {
        if (b == '\n') {
            if (!lineHasText && sawLine) {
                return false;
            }
            sawLine |= lineHasText;
            lineHasText = false;
        } else if (b != '\r') {
            lineHasText = true;
        }
        return true;
    }

    private void arm(ChannelHandlerContext ctx) {
        cancel();
        timer = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (waiting && ctx.channel().isActive()) {
            RefusalLog.ROUTER.log("request timeout", 0, ConnectionGate.peer(ctx.channel()), null, null, "natter.error.request_timeout",
                    "no complete HTTP request head within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
            ctx.close();
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
