package io.natter.listener.presence;

import io.natter.listener.config.ListenerConfig;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Presence in Redis, under {@code natter.listener.redis-prefix} ({@code <p>}):
 * {@code <p>online:<thread>} is the set of authids online in the thread and {@code <p>threads}
 * the set of threads with anyone online. It holds what the listener last published, so a
 * restarted listener compares it with the truth it rebuilt and publishes the differences.
 *
 * <p>Non-blocking (the Vert.x Redis client); each change is one pipelined batch on one connection.
 * The caller orders its calls (the tracker chains them).
 */
@ApplicationScoped
public class PresenceStore {

    private final Redis redis;
    private final String prefix;

    PresenceStore(Redis redis, ListenerConfig config) {
        this.redis = redis;
        this.prefix = config.listener().redisPrefix();
    }

    String threadsKey() {
        return prefix + "threads";
    }

    String onlineKey(String thread) {
        return prefix + "online:" + thread;
    }

    /** Thread → online authids, as stored. */
    public Future<Map<String, Set<String>>> load() {
        return redis.send(Request.cmd(Command.SMEMBERS).arg(threadsKey())).compose(threads -> {
            List<String> names = strings(threads);
            if (names.isEmpty()) {
                return Future.succeededFuture(Map.of());
            }
            List<Request> requests = new ArrayList<>();
            for (String thread : names) {
                requests.add(Request.cmd(Command.SMEMBERS).arg(onlineKey(thread)));
            }
            return redis.batch(requests).map(responses -> {
                Map<String, Set<String>> all = new HashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    Set<String> online = new TreeSet<>(strings(responses.get(i)));
                    if (!online.isEmpty()) {
                        all.put(names.get(i), online);
                    }
                }
                return all;
            });
        });
    }

    /** Writes one change. */
    public Future<Void> apply(PresenceChange change) {
        List<Request> requests = new ArrayList<>();
        String key = onlineKey(change.thread());
        if (change.joined() != null) {
            requests.add(Request.cmd(Command.SADD).arg(key).arg(change.joined()));
            requests.add(Request.cmd(Command.SADD).arg(threadsKey()).arg(change.thread()));
        } else {
            requests.add(Request.cmd(Command.SREM).arg(key).arg(change.left()));
            if (change.online().isEmpty()) {
                requests.add(Request.cmd(Command.DEL).arg(key));
                requests.add(Request.cmd(Command.SREM).arg(threadsKey()).arg(change.thread()));
            }
        }
        return redis.batch(requests).mapEmpty();
    }

    /** Who is online in {@code thread}, as stored. */
    public Future<List<String>> online(String thread) {
        return redis.send(Request.cmd(Command.SMEMBERS).arg(onlineKey(thread)))
                .map(response -> new ArrayList<>(new TreeSet<>(strings(response))));
    }

    private static List<String> strings(Response response) {
        List<String> values = new ArrayList<>();
        if (response != null) {
            for (Response item : response) {
                values.add(item.toString());
            }
        }
        return values;
    }
}
