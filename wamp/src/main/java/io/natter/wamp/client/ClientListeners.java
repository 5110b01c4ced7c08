package io.natter.wamp.client;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The application's listeners of one {@link WampClient}: added from any thread, run on the
 * client's context, each guarded so that one failing listener neither stops the others nor the
 * client.
 */
final class ClientListeners {

    private final ClientContext context;
    private final List<Consumer<SessionInfo>> join = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> leave = new CopyOnWriteArrayList<>();
    private final List<Runnable> disconnect = new CopyOnWriteArrayList<>();
    final List<Consumer<ReconnectAttempt>> reconnect = new CopyOnWriteArrayList<>();

    ClientListeners(ClientContext context) {
        this.context = context;
    }

    void onJoin(Consumer<SessionInfo> listener) {
        join.add(Objects.requireNonNull(listener, "listener"));
    }

    void onLeave(Consumer<String> listener) {
        leave.add(Objects.requireNonNull(listener, "listener"));
    }

    void onDisconnect(Runnable listener) {
        disconnect.add(Objects.requireNonNull(listener, "listener"));
    }

    void onReconnect(Consumer<ReconnectAttempt> listener) {
        reconnect.add(Objects.requireNonNull(listener, "listener"));
    }

    void joined(SessionInfo info) {
        for (Consumer<SessionInfo> listener : join) {
            context.guarded("join listener", () -> listener.accept(info));
        }
    }

    void left(String reason) {
        for (Consumer<String> listener : leave) {
            context.guarded("leave listener", () -> listener.accept(reason));
        }
    }

    void disconnected() {
        for (Runnable listener : disconnect) {
            context.guarded("disconnect listener", listener);
        }
    }
}
