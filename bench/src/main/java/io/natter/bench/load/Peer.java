package io.natter.bench.load;

import io.natter.bench.vertx.VertxInternals;
import io.natter.bench.wire.Wire;
import io.natter.wamp.auth.WampCra;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;

import java.util.List;
import java.util.Map;

/**
 * One generator socket: opened, joined (or raw, for the relay), then driven by a scenario.
 *
 * <p>Until {@link #onFrame} is set, frames are control messages: decoded and handed to the
 * one pending request (HELLO, SUBSCRIBE, REGISTER...). After it, each complete frame goes to the
 * scenario's handler undecoded. All of this runs on the socket's event loop; {@link #send} may
 * be called from any thread.
 */
public final class Peer {

    private static final Map<String, Object> ROLES = Map.of("roles", Map.of(
            "publisher", Map.of(), "subscriber", Map.of(), "caller", Map.of(), "callee", Map.of()));

    private final WebSocket ws;
    private final Wire wire;
    private final Context context;
    private Handler<Buffer> hot;
    private Promise<List<Object>> pending;
    private Buffer partial;
    private long nextRequest = 1;
    private long session = -1;

    private Peer(WebSocket ws, Wire wire, Context context) {
        this.ws = ws;
        this.wire = wire;
        this.context = context;
        ws.frameHandler(this::frame);
        ws.exceptionHandler(e -> fail(e.toString()));
        ws.closeHandler(v -> fail("closed by the server (" + ws.closeStatusCode() + " " + ws.closeReason() + ")"));
    }

    /** Opens a socket and joins as {@code join} says; the future completes after WELCOME. */
    public static Future<Peer> open(Generator generator, Endpoint endpoint, Wire wire, Join join, String room) {
        return generator.connect(endpoint, endpoint.pathFor(room), endpoint.wamp() ? wire.subprotocol() : null)
                .compose(ws -> {
                    Peer peer = new Peer(ws, wire, Vertx.currentContext());
                    return join instanceof Join.Raw ? Future.succeededFuture(peer) : peer.join(endpoint.realm(), join);
                });
    }

    private Future<Peer> join(String realm, Join join) {
        Map<String, Object> details = ROLES;
        if (join instanceof Join.Cra cra) {
            details = Map.of("roles", ROLES.get("roles"), "authmethods", List.of("wampcra"), "authid", cra.authid());
        }
        return request(wire.hello(realm, details)).compose(reply -> {
            int type = code(reply);
            if (type == 4 && join instanceof Join.Cra cra) {
                Map<?, ?> extra = (Map<?, ?>) reply.get(2);
                String signature = sign(cra.secret(), String.valueOf(extra.get("challenge")));
                return request(wire.encode(List.of(5, signature, Map.of())));
            }
            return Future.succeededFuture(reply);
        }).compose(reply -> {
            if (code(reply) != 2) {
                return Future.failedFuture("join refused: " + reply);
            }
            session = ((Number) reply.get(1)).longValue();
            return Future.succeededFuture(this);
        });
    }

    /** SUBSCRIBE to an exact topic; the future carries the subscription id. */
    public Future<Long> subscribe(String topic) {
        return idReply(request -> List.of(32, request, Map.of(), topic), 33);
    }

    /** REGISTER an exact procedure; the future carries the registration id. */
    public Future<Long> register(String procedure) {
        return idReply(request -> List.of(64, request, Map.of(), procedure), 65);
    }

    /**
     * The next request id of this session. Routers may insist on ids that grow by one per session
     * across PUBLISH, SUBSCRIBE, CALL, REGISTER... (Natter's does), so every request of a peer
     * takes its id here. Event loop only.
     */
    public long nextRequest() {
        return nextRequest++;
    }

    private Future<Long> idReply(java.util.function.LongFunction<List<Object>> message, int expected) {
        Promise<Long> promise = Promise.promise();
        context.runOnContext(v -> request(wire.encode(message.apply(nextRequest()))).onComplete(ar -> {
            if (ar.failed()) {
                promise.fail(ar.cause());
            } else if (code(ar.result()) != expected) {
                promise.fail("expected message " + expected + ", got " + ar.result());
            } else {
                promise.complete(((Number) ar.result().get(2)).longValue());
            }
        }));
        return promise.future();
    }

    // Runs on the socket's event loop: one control request at a time.
    private Future<List<Object>> request(Buffer frame) {
        if (pending != null) {
            return Future.failedFuture("a control request is already pending");
        }
        pending = Promise.promise();
        Future<List<Object>> answer = pending.future();
        send(frame);
        return answer;
    }

    /** From now on, each complete frame goes to {@code handler} undecoded, on the event loop. */
    public void onFrame(Handler<Buffer> handler) {
        context.runOnContext(v -> hot = handler);
    }

    /** Sends one complete message as a single frame (text for JSON, binary for MessagePack and the relay). */
    public void send(Buffer frame) {
        VertxInternals.writeFinalFrame(ws, frame, wire.binary());
    }

    /** Whether the socket's write queue is over its limit. */
    public boolean writeQueueFull() {
        return ws.writeQueueFull();
    }

    /** Runs {@code handler} once the write queue drains. */
    public void drainHandler(Handler<Void> handler) {
        ws.drainHandler(handler);
    }

    /** The event-loop context the socket runs on. */
    public Context context() {
        return context;
    }

    /** The WAMP session id from WELCOME (-1 for a raw socket). */
    public long session() {
        return session;
    }

    /** The serialization this peer speaks. */
    public Wire wire() {
        return wire;
    }

    /** Closes the socket without GOODBYE: what a dropped client does. */
    public Future<Void> close() {
        if (ws.isClosed()) {
            return Future.succeededFuture();
        }
        try {
            ws.closeHandler(null);
            ws.exceptionHandler(null);
            return ws.close();
        } catch (IllegalStateException closedMeanwhile) {
            return Future.succeededFuture();
        }
    }

    private void frame(WebSocketFrame frame) {
        WebSocketFrameType type = frame.type();
        if (type != WebSocketFrameType.TEXT && type != WebSocketFrameType.BINARY && type != WebSocketFrameType.CONTINUATION) {
            return;
        }
        Buffer data = frame.binaryData();
        if (!frame.isFinal() || partial != null) {
            partial = partial == null ? Buffer.buffer().appendBuffer(data) : partial.appendBuffer(data);
            if (!frame.isFinal()) {
                return;
            }
            data = partial;
            partial = null;
        }
        if (hot != null) {
            hot.handle(data);
            return;
        }
        Promise<List<Object>> p = pending;
        pending = null;
        if (p == null) {
            return;
        }
        try {
            p.complete(wire.decode(data));
        } catch (RuntimeException e) {
            p.fail(e);
        }
    }

    private void fail(String why) {
        Promise<List<Object>> p = pending;
        pending = null;
        if (p != null) {
            p.tryFail(why);
        }
    }

    private static int code(List<Object> message) {
        return message.isEmpty() || !(message.get(0) instanceof Number n) ? -1 : n.intValue();
    }

    /** WAMP-CRA without salt: the library's signature (HMAC-SHA256 keyed with the secret, Base64). */
    static String sign(String secret, String challenge) {
        return WampCra.sign(secret, challenge);
    }
}
