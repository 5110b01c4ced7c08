package io.natter.router.transport;

import io.natter.router.util.Completion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;

/**
 * One Vert.x WebSocket carrying WAMP, for every transport: it reads whole messages for its
 * {@link WampChannel} and writes the router's frames.
 *
 * <p>Reading: data frames are taken as they come ({@code frameHandler}), never turned into
 * strings; a fragmented message is gathered up to the channel's size limit, past which the socket
 * closes with 1009 without buffering more. A message the channel finished at once
 * ({@link Completion#DONE}) lets the next one follow straight away; otherwise the socket is paused
 * until the channel's {@link Uni} completes, so one connection's messages are handled one at a
 * time, in order (a dynamic authenticator or authorizer may take a while).
 *
 * <p>Writing: each message is one final frame around the shared, already encoded payload: one
 * encoding per message for every receiver of it, no per-socket copy or UTF-8 re-encoding. Frames
 * go straight into the connection's Netty pipeline at Vert.x's handler, the place Vert.x's own
 * {@code writeFrame} writes to, but without the Vert.x promise it makes for every frame (whose
 * completion, checked against the Quarkus duplicated context, was a seventh of the CPU on
 * fan-out); untracked writes take Netty's void promise. Where that context is not known, frames
 * go through {@code writeFrame}.
 *
 * <p>Threading: reading runs on the socket's event loop; writes may come from any thread and are
 * written on the socket's event loop in the order they were made ({@link LoopOrder}: not only each
 * thread's order, which is all Netty keeps, so that events reach a subscriber in causal order).
 * Through the {@code writeFrame} fallback only each thread's order is kept.
 */
final class WampSocket implements FrameSink {

    private final ServerWebSocket socket;
    private final ChannelHandlerContext netty;
    private final LoopOrder order;
    private final Context context;
    private final int maxMessageSize;
    private WampChannel channel;
    private Buffer fragments;
    private boolean fragmentsBinary;

    /** To be called on the socket's event loop; {@link #attach} starts the reading. */
    WampSocket(ServerWebSocket socket, ChannelHandlerContext netty, Context context, int maxMessageSize) {
        this.socket = socket;
        this.netty = netty;
        this.order = netty == null ? null : new LoopOrder(netty.executor());
        this.context = context;
        this.maxMessageSize = maxMessageSize;
    }

    /** Hands every message, pong and the closing of the socket to {@code channel}. */
    void attach(WampChannel channel) {
        this.channel = channel;
        socket.frameHandler(this::onFrame);
        socket.pongHandler(ignored -> channel.onPong());
        socket.closeHandler(ignored -> channel.onClosed());
    }

    @Override
    public void write(byte[] payload, boolean binary, Runnable written) {
        write(Unpooled.wrappedBuffer(payload), binary, written);
    }

    @Override
    public void write(ByteBuf payload, boolean binary, Runnable written) {
        if (netty != null) {
            if (!netty.channel().isActive()) {
                // Closed meanwhile: Vert.x's writeFrame would refuse it too; nothing is pending.
                payload.release();
                if (written != null) {
                    written.run();
                }
                return;
            }
            io.netty.handler.codec.http.websocketx.WebSocketFrame frame = binary ? new BinaryWebSocketFrame(payload)
                    : new TextWebSocketFrame(payload);
            order.run(() -> writeNow(frame, written));
            return;
        }
        WebSocketFrame frame = VertxInternals.dataFrame(payload, binary);
        if (written == null) {
            socket.writeFrame(frame);
        } else {
            socket.writeFrame(frame, ignored -> written.run());
        }
    }

    @Override
    public void pong(ByteBuf payload, Runnable written) {
        if (netty == null || !netty.channel().isActive()) {
            payload.release();
            if (written != null) {
                written.run();
            }
            return;
        }
        PongWebSocketFrame frame = new PongWebSocketFrame(payload);
        order.run(() -> writeNow(frame, written));
    }

    // On the socket's event loop, in the order LoopOrder keeps.
    private void writeNow(io.netty.handler.codec.http.websocketx.WebSocketFrame frame, Runnable written) {
        if (written == null) {
            netty.writeAndFlush(frame, netty.voidPromise());
        } else {
            netty.writeAndFlush(frame).addListener(ignored -> written.run());
        }
    }

    /**
     * Answers the peer's pings through {@code outbound} instead of Vert.x's automatic pong, so that
     * pongs count against the bounded outbound queue: a peer that floods pings and never reads
     * their pongs overflows it and is dropped, instead of growing the heap without bound. A
     * handler just before Vert.x's takes the ping frames out of the pipeline. Without the Netty
     * context (not the kind of connection expected), Vert.x keeps answering pings itself.
     */
    void answerPingsThrough(ConnectionOutbound outbound) {
        if (netty != null && netty.pipeline().get(PingsThroughQueue.NAME) == null) {
            netty.pipeline().addBefore(netty.name(), PingsThroughQueue.NAME, new PingsThroughQueue(outbound));
        }
    }

    /** Takes the peer's pings out of the pipeline and answers them through the outbound queue. */
    private static final class PingsThroughQueue extends ChannelInboundHandlerAdapter {

        static final String NAME = "natter-pings";

        private final ConnectionOutbound outbound;

        PingsThroughQueue(ConnectionOutbound outbound) {
            this.outbound = outbound;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof PingWebSocketFrame ping) {
                outbound.pong(ping.content());
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    @Override
    public void ping(Buffer payload) {
        socket.writePing(payload, ignored -> { });
    }

    @Override
    public void close(int code, String reason) {
        if (order == null) {
            socket.close((short) code, reason, ignored -> { });
        } else {
            // after the writes before it (a GOODBYE or ABORT last), not ahead of those still queued
            order.run(() -> socket.close((short) code, reason, ignored -> { }));
        }
    }

    @Override
    public boolean isOpen() {
        return !socket.isClosed();
    }

    private void onFrame(WebSocketFrame frame) {
        WebSocketFrameType type = frame.type();
        if (type == WebSocketFrameType.TEXT || type == WebSocketFrameType.BINARY) {
            if (frame.isFinal()) {
                deliver(frame.binaryData(), frame.isBinary());
            } else {
                fragments = Buffer.buffer();
                fragmentsBinary = frame.isBinary();
                gather(frame);
            }
        } else if (type == WebSocketFrameType.CONTINUATION && fragments != null) {
            gather(frame);
        }
    }

    private void gather(WebSocketFrame frame) {
        Buffer data = frame.binaryData();
        if (fragments.length() + data.length() > maxMessageSize) {
            fragments = null;
            channel.tooBig();
            return;
        }
        fragments.appendBuffer(data);
        if (frame.isFinal()) {
            Buffer whole = fragments;
            fragments = null;
            deliver(whole, fragmentsBinary);
        }
    }

    private void deliver(Buffer message, boolean binary) {
        Uni<Void> step = channel.onMessage(message, binary);
        if (!Completion.isDone(step)) {
            socket.pause();
            step.subscribe().with(ok -> resume(), failure -> resume());
        }
    }

    private void resume() {
        context.runOnContext(ignored -> socket.resume());
    }
}
