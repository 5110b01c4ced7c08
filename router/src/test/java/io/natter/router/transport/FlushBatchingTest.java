package io.natter.router.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batching on a real Netty event loop and channel (in-JVM, {@code local} transport): what
 * reaches the socket's end of the pipeline, and when. (Netty's EmbeddedChannel runs pending
 * tasks on every write, so it cannot show a flush deferred to the end of a turn.)
 */
class FlushBatchingTest {

    /** At the socket's end of the pipeline: what was written and flushed, in order. */
    private static final class Recorder extends ChannelDuplexHandler {
        final List<String> events = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            events.add("write");
            ctx.write(msg, promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            events.add("flush");
            ctx.flush();
        }
    }

    /** Stands in for Vert.x's handler: the one whose writes are batched. */
    private static final class Writer extends ChannelInboundHandlerAdapter {
        volatile ChannelHandlerContext ctx;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }
    }

    private final EventLoopGroup group = new DefaultEventLoopGroup(1);
    private final Recorder recorder = new Recorder();
    private final Writer writer = new Writer();
    private Channel server;
    private Channel client;

    @BeforeEach
    void connect() throws Exception {
        LocalAddress address = new LocalAddress("flush-batching-" + System.nanoTime());
        server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter()).bind(address).sync().channel();
        client = new Bootstrap().group(group).channel(LocalChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(recorder, new IdleStateHandler(0, 0, 30, TimeUnit.MINUTES), writer);
                    }
                }).connect(address).sync().channel();
        onLoop(() -> {
            FlushBatching.installBefore(writer.ctx);
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        client.close().sync();
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void framesWrittenInOneTurnGoOutInOneFlushAtItsEnd() throws Exception {
        List<String> withinTheTurn = onLoop(() -> {
            for (int i = 0; i < 3; i++) {
                writer.ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {(byte) i}));
            }
            return new ArrayList<>(recorder.events);
        });
        assertThat(withinTheTurn).containsExactly("write", "write", "write");
        assertThat(onLoop(() -> new ArrayList<>(recorder.events))).containsExactly("write", "write", "write", "flush");
    }

    @Test
    void aLongBatchIsFlushedBeforeTheTurnEnds() throws Exception {
        List<String> withinTheTurn = onLoop(() -> {
            for (int i = 0; i < FlushBatching.MAX_FLUSHES_PER_BATCH; i++) {
                writer.ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {(byte) i}));
            }
            return new ArrayList<>(recorder.events);
        });
        assertThat(withinTheTurn).hasSize(FlushBatching.MAX_FLUSHES_PER_BATCH + 1).endsWith("flush");
    }

    @Test
    void closingFlushesWhatIsPendingAndInstallingTwiceAddsOneHandler() throws Exception {
        List<String> names = onLoop(() -> {
            FlushBatching.installBefore(writer.ctx);
            return client.pipeline().names();
        });
        assertThat(names.stream().filter(FlushBatching.HANDLER_NAME::equals)).hasSize(1);
        assertThat(client.pipeline().get(IdleStateHandler.class)).as("the WAMP heartbeat watches the socket").isNull();

        List<String> events = onLoop(() -> {
            writer.ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
            writer.ctx.close();
            return new ArrayList<>(recorder.events);
        });
        assertThat(events).containsExactly("write", "flush");
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return client.eventLoop().submit(task).get(5, TimeUnit.SECONDS);
    }
}
