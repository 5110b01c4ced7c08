package io.natter.notifier.appapi;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Groups inbox writes into batches ({@code POST /internal/notifications/batch}) without ever waiting
 * for a batch to fill: a write goes out at once while fewer than {@link #MAX_IN_FLIGHT} requests are
 * in flight; otherwise it waits for one of them to finish and leaves with everything else that
 * waited (up to {@link #MAX_ENTRIES} entries, {@link #MAX_BYTES} of JSON). At a trickle each
 * batch holds one notification and adds no delay; under load a batch holds what arrived during one
 * commit, so app-api runs one transaction for many notifications instead of one each.
 *
 * <p>Each write's future completes with its batch; a failed batch fails each of its writes, which
 * the caller retries on its own (the id keeps the inbox's rows single). What waits here is bounded
 * by what the caller holds (the notifier's prefetch). Thread-safe.
 */
final class InboxBatches {

    static final int MAX_IN_FLIGHT = 4;
    static final int MAX_ENTRIES = 100;
    /** Below app-api's 64 KiB body limit; one entry alone always fits (a valid notification is smaller). */
    static final int MAX_BYTES = 56 * 1024;

    private record Pending(Buffer json, Promise<Void> done) {
    }

    private final Function<Buffer, Future<Void>> post;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int inFlight;

    /** {@code post} sends one {@code {"entries": [...]}} body and completes when app-api kept it. */
    InboxBatches(Function<Buffer, Future<Void>> post) {
        this.post = post;
    }

    /** Keeps {@code payload} for {@code users}: completes when the batch holding it was kept. */
    Future<Void> keep(List<String> users, Map<String, Object> payload) {
        Buffer json = new JsonObject().put("recipients", new JsonArray(users))
                .put("notification", new JsonObject(payload)).toBuffer();
        Promise<Void> done = Promise.promise();
        synchronized (this) {
            waiting.add(new Pending(json, done));
        }
        send();
        return done.future();
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private void send() {
        while (true) {
            List<Pending> batch;
            synchronized (this) {
                if (inFlight >= MAX_IN_FLIGHT || waiting.isEmpty()) {
                    return;
                }
                batch = take();
                inFlight++;
            }
            Buffer body = Buffer.buffer("{\"entries\":[");
            for (int i = 0; i < batch.size(); i++) {
                if (i > 0) {
                    body.appendByte((byte) ',');
                }
                body.appendBuffer(batch.get(i).json());
            }
            body.appendString("]}");
            Future<Void> sent;
            try {
                sent = post.apply(body);
            } catch (RuntimeException e) {
                sent = Future.failedFuture(e);
            }
            sent.onComplete(result -> {
                synchronized (this) {
                    inFlight--;
                }
                for (Pending p : batch) {
                    if (result.succeeded()) {
                        p.done().tryComplete();
                    } else {
                        p.done().tryFail(result.cause());
                    }
                }
                send();
            });
        }
    }

    /** The head of the queue, as much as one batch may hold. Called holding the lock. */
    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>();
        int bytes = 16;
        while (!waiting.isEmpty() && batch.size() < MAX_ENTRIES) {
            Pending next = waiting.peek();
            if (!batch.isEmpty() && bytes + next.json().length() + 1 > MAX_BYTES) {
                break;
            }
            bytes += next.json().length() + 1;
            batch.add(waiting.poll());
        }
        return batch;
    }
}
