package io.natter.router.transport;

import io.natter.router.session.RefusalLog;
import io.natter.router.peer.TransportInfo;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The connection caps of one listening socket, enforced as connections are accepted: a handler
 * at the head of the listening socket's own Netty pipeline, which sees each accepted connection
 * before it is registered with an event loop or given an HTTP pipeline. A connection past the
 * per-address cap, or past {@link ConnectionLimits#maxOpen()} connections in all, is closed there
 * at once (no read, no HTTP parsing, no TLS, nothing allocated for it but the count); the others
 * get a {@link RequestDeadline} at the head of their pipeline.
 *
 * <p>WebSocket connections are capped at {@link ConnectionLimits#max()} when they ask for the
 * upgrade ({@link #admitWebSocket}, HTTP 503 past it), so that {@link #RESERVE} TCP connections
 * stay for {@code /q/health}, {@code /q/metrics} and those refusals while the WebSocket cap is
 * reached.
 *
 * <p>Threading: {@link #channelRead} runs on the listening socket's acceptor thread; connections
 * close, and ask for upgrades, on their own event loops: the counts are atomic.
 */
@Sharable
final class ConnectionGate extends ChannelInboundHandlerAdapter {

    /** TCP connections admitted beyond the WebSocket cap, for health checks, metrics and refusals. */
    static final int RESERVE = 32;

    static final String NAME = "natter-connection-gate";

    private static final AttributeKey<Admission> ADMISSION = AttributeKey.valueOf("natter.connection.admission");

    private final String listener;
    private final ConnectionLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger webSockets = new AtomicInteger();
    private final ConcurrentMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final LongAdder refused;

    /**
     * @param listener names the listening socket in log lines
     * @param refused counts the connections closed at accept and the upgrades refused
     */
    ConnectionGate(String listener, ConnectionLimits limits, LongAdder refused) {
        this.listener = listener;
        this.limits = limits;
        this.refused = refused;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel child) {
            InetAddress address = addressOf(child.remoteAddress());
            String refusal = admit(child, address);
            if (refusal != null) {
                refused.increment();
                // Not registered with any event loop yet: closing it is closing the file descriptor.
                child.unsafe().closeForcibly();
                RefusalLog.ROUTER.log("connection refused", 0, peer(child), null, null, "natter.error.too_many_connections",
                        refusal + " on " + listener);
                return;
            }
            if (!limits.requestTimeout().isZero()) {
                child.pipeline().addFirst(RequestDeadline.NAME, new RequestDeadline(limits.requestTimeout()));
            }
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * Counts {@code child}, accepted before this gate was in place (it is not refused: it is
     * already being served).
     */
    void adopt(Channel child) {
        if (child.attr(ADMISSION).get() == null) {
            InetAddress address = addressOf(child.remoteAddress());
            open.incrementAndGet();
            if (limits.capsAddress(address)) {
                perAddress.merge(address, 1, Integer::sum);
            }
            track(child, address);
        }
    }

    /**
     * Whether {@code child} may become a WebSocket: false past {@link ConnectionLimits#max()}
     * WebSocket connections. Once admitted, it counts until it closes.
     */
    static boolean admitWebSocket(Channel child) {
        Admission admission = child.attr(ADMISSION).get();
        if (admission == null) {
            return true; // not accepted through a gate (a listening socket not expected)
        }
        return admission.gate.takeWebSocket(admission);
    }

    /** The gate that admitted {@code child}, or null. */
    static ConnectionGate of(Channel child) {
        Admission admission = child.attr(ADMISSION).get();
        return admission == null ? null : admission.gate;
    }

    /** TCP connections open now. */
    int open() {
        return open.get();
    }

    /** WebSocket connections open now (admitted upgrades). */
    int webSockets() {
        return webSockets.get();
    }

    ConnectionLimits limits() {
        return limits;
    }

    String listener() {
        return listener;
    }

    void refusedUpgrade(Channel child) {
        refused.increment();
        RefusalLog.ROUTER.log("upgrade refused", 0, peer(child), null, null, "natter.error.too_many_connections",
                "WebSocket cap " + limits.max() + " reached on " + listener);
    }

    private String admit(Channel child, InetAddress address) {
        if (open.get() >= limits.maxOpen()) {
            return "connection cap " + limits.maxOpen() + " reached";
        }
        if (limits.capsAddress(address)) {
            int now = perAddress.merge(address, 1, Integer::sum);
            if (now > limits.maxPerAddress()) {
                releaseAddress(address);
                return "per-address cap " + limits.maxPerAddress() + " reached";
            }
        }
        open.incrementAndGet();
        track(child, address);
        return null;
    }

    private void track(Channel child, InetAddress address) {
        Admission admission = new Admission(this, limits.capsAddress(address) ? address : null);
        child.attr(ADMISSION).set(admission);
        child.closeFuture().addListener(ignored -> release(admission));
    }

    private boolean takeWebSocket(Admission admission) {
        if (admission.webSocket) {
            return true;
        }
        int now;
        do {
            now = webSockets.get();
            if (now >= limits.max()) {
                return false;
            }
        } while (!webSockets.compareAndSet(now, now + 1));
        admission.webSocket = true;
        return true;
    }

    private void release(Admission admission) {
        open.decrementAndGet();
        if (admission.webSocket) {
            webSockets.decrementAndGet();
        }
        if (admission.address != null) {
            releaseAddress(admission.address);
        }
    }

    private void releaseAddress(InetAddress address) {
        perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    private static InetAddress addressOf(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    /** The peer of {@code child} in Crossbar's form ({@code tcp4:1.2.3.4:5678}). */
    static String peer(Channel child) {
        return child.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? TransportInfo.peerOf(inet.getAddress().getHostAddress(), inet.getPort())
                : String.valueOf(child.remoteAddress());
    }

    /** What a connection holds of its gate's counts; {@code webSocket} is set on its event loop. */
    private static final class Admission {

        final ConnectionGate gate;
        final InetAddress address;
        volatile boolean webSocket;

        Admission(ConnectionGate gate, InetAddress address) {
            this.gate = gate;
            this.address = address;
        }
    }
}
