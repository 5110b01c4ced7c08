package io.natter.router.testing;

import io.natter.router.outbound.Outbound;
import io.natter.router.outbound.OutgoingMessage;
import io.natter.wamp.message.Message;
import java.util.ArrayList;
import java.util.List;

/** A session's way out that records what would have been sent, for unit tests. */
public final class RecordingOutbound implements Outbound {

    private final List<OutgoingMessage> sent = new ArrayList<>();
    private Message closingMessage;
    private Integer closeCode;
    private String closeReason;

    @Override
    public synchronized void send(OutgoingMessage message) {
        if (closeCode == null) {
            sent.add(message);
        }
    }

    @Override
    public synchronized void close(Message last, int code, String reason) {
        if (closeCode != null) {
            return;
        }
        closingMessage = last;
        closeCode = code;
        closeReason = reason;
    }

    /** The messages sent so far (not the closing one). */
    public synchronized List<Message> messages() {
        List<Message> messages = new ArrayList<>();
        for (OutgoingMessage message : sent) {
            messages.add(message.message());
        }
        return messages;
    }

    /** The shared outgoing instances sent so far. */
    public synchronized List<OutgoingMessage> outgoing() {
        return new ArrayList<>(sent);
    }

    /** The messages of {@code type} sent so far. */
    public <T extends Message> List<T> messages(Class<T> type) {
        List<T> result = new ArrayList<>();
        for (Message message : messages()) {
            if (type.isInstance(message)) {
                result.add(type.cast(message));
            }
        }
        return result;
    }

    /** The only message of {@code type} sent; fails if there is not exactly one. */
    public <T extends Message> T only(Class<T> type) {
        List<T> found = messages(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " but got " + messages());
        }
        return found.get(0);
    }

    /** Forgets what was sent so far. */
    public synchronized void clear() {
        sent.clear();
    }

    public synchronized Message closingMessage() {
        return closingMessage;
    }

    public synchronized Integer closeCode() {
        return closeCode;
    }

    public synchronized String closeReason() {
        return closeReason;
    }
}
