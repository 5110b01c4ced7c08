package io.natter.listener.it;

import io.natter.testsupport.Await;
import io.natter.wamp.client.CallResult;
import io.natter.wamp.client.WampClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the listener's whole-stack tests read of presence: {@code natter.presence.list} over WAMP,
 * and the Redis sets behind it. Every answer is awaited for at most the given wait.
 */
final class Presence {

    private final Redis redis;
    private final Duration wait;

    Presence(Redis redis, Duration wait) {
        this.redis = redis;
        this.wait = wait;
    }

    /** Who {@code natter.presence.list} names online in {@code thread}, asked by {@code client}; the call's ERROR is thrown as it is. */
    List<Object> list(WampClient client, String thread) {
        try {
            CallResult result = Await.result(client.call("natter.presence.list", List.of(thread)).toCompletionStage(), wait);
            return new ArrayList<>((List<?>) result.arg0());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The members of the Redis set {@code key}, sorted. */
    Set<String> members(String key) {
        Response response = send(Command.SMEMBERS, key);
        Set<String> values = new TreeSet<>();
        if (response != null) {
            response.forEach(r -> values.add(r.toString()));
        }
        return values;
    }

    /** Whether Redis has {@code key}: 1 or 0. */
    long exists(String key) {
        return send(Command.EXISTS, key).toLong();
    }

    /** Deletes {@code key} from Redis, as a lost Redis would have. */
    void delete(String key) {
        send(Command.DEL, key);
    }

    private Response send(Command command, String key) {
        try {
            return Await.result(redis.send(Request.cmd(command).arg(key)).toCompletionStage(), wait);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
