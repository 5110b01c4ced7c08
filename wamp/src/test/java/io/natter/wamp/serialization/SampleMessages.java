package io.natter.wamp.serialization;

import io.natter.wamp.message.Abort;
import io.natter.wamp.message.Authenticate;
import io.natter.wamp.message.Call;
import io.natter.wamp.message.Cancel;
import io.natter.wamp.message.Challenge;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Goodbye;
import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Interrupt;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Published;
import io.natter.wamp.message.Register;
import io.natter.wamp.message.Registered;
import io.natter.wamp.message.Result;
import io.natter.wamp.message.Subscribe;
import io.natter.wamp.message.Subscribed;
import io.natter.wamp.message.Unregister;
import io.natter.wamp.message.Unregistered;
import io.natter.wamp.message.Unsubscribe;
import io.natter.wamp.message.Unsubscribed;
import io.natter.wamp.message.Welcome;
import io.natter.wamp.message.Yield;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One or more messages of every type, shared by the serializer tests. */
final class SampleMessages {

    static final long MAX_ID = 1L << 53;

    private SampleMessages() {
    }

    /** A dict whose entries keep the order given, as decoding must. */
    static Map<String, Object> dict(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A list that may hold nulls, which List.of refuses. */
    static List<Object> list(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    /** Every kind of payload value, nested. */
    static Map<String, Object> everyValue() {
        return dict(
                "null", null,
                "true", true,
                "false", false,
                "int", -7,
                "long", 1L << 40,
                "minLong", Long.MIN_VALUE,
                "uint64", new BigInteger("18446744073709551615"),
                "double", 3.25,
                "negativeDouble", -1.0e-300,
                "string", "héllo wörld ✓ 😀 日本",
                "empty", "",
                "bytes", new byte[] {0, 1, 2, (byte) 0xff, 127},
                "noBytes", new byte[0],
                "list", list(1, "two", list(3.5, null), dict("deep", list(new byte[] {9}))),
                "dict", dict("z", 1, "a", 2, "m", dict()));
    }

    static List<Message> all() {
        List<Object> args = list("text", 42, null, new byte[] {1, 2, 3});
        Map<String, Object> kwargs = dict("client_id", "c-1", "nested", everyValue());
        return List.of(
                new Hello("realm1", dict("roles", dict("subscriber", dict(), "publisher", dict()), "authmethods",
                        list("wampcra"), "authid", "jöhn")),
                new Welcome(MAX_ID, dict("realm", "realm1", "roles", dict("broker", dict("features", dict("a", true))))),
                new Abort(dict("message", "no"), "wamp.error.no_such_realm"),
                new Challenge("wampcra", dict("challenge", "{\"nonce\":\"x\"}", "salt", "s", "iterations", 1000,
                        "keylen", 32)),
                new Authenticate("c2lnbmF0dXJl", dict()),
                new Goodbye(dict(), "wamp.close.close_realm"),
                new Error(Call.CODE, 7, dict(), "wamp.error.no_such_procedure", List.of(), Map.of()),
                new Error(Invocation.CODE, MAX_ID, dict("x", 1), "com.app.error", args, Map.of()),
                new Error(Subscribe.CODE, 0, dict(), "wamp.error.not_authorized", List.of(), kwargs),
                new Publish(1, dict("acknowledge", true, "exclude_me", false), "com.x", List.of(), Map.of()),
                new Publish(2, dict(), "natter.thread.general", list("hi 👋"), Map.of()),
                new Publish(3, dict(), "com.x", List.of(), dict("a", 2)),
                new Publish(MAX_ID, dict("eligible", list(1L << 50, 2)), "com.x", args, kwargs),
                new Published(1, MAX_ID),
                new Subscribe(5, dict("match", "prefix"), "natter.thread."),
                new Subscribed(5, 1234567890123L),
                new Unsubscribe(6, 1234567890123L),
                new Unsubscribed(6, Map.of()),
                new Unsubscribed(0, dict("subscription", 1234567890123L, "reason", "wamp.error.not_authorized")),
                new Event(1, 2, dict(), List.of(), Map.of()),
                new Event(MAX_ID, MAX_ID, dict("publisher", 99, "topic", "natter.thread.a"), args, kwargs),
                new Event(3, 4, dict(), list(everyValue()), Map.of()),
                new Call(10, dict("timeout", 1000), "natter.presence.list", list("general"), Map.of()),
                new Call(11, dict(), "com.add", List.of(), dict("a", 1, "b", 2)),
                new Cancel(10, dict("mode", "killnowait")),
                new Result(10, dict(), list(list("alice", "bob")), Map.of()),
                new Result(11, dict("progress", true), List.of(), Map.of()),
                new Result(12, dict(), args, kwargs),
                new Register(20, dict("invoke", "roundrobin"), "natter.auth"),
                new Registered(20, 555),
                new Unregister(21, 555),
                new Unregistered(21, Map.of()),
                new Unregistered(0, dict("registration", 555, "reason", "wamp.error.not_authorized")),
                new Invocation(30, 555, dict("caller", 12), list("realm1", "alice", dict()), Map.of()),
                new Invocation(31, 555, dict(), List.of(), dict("k", list())),
                new Interrupt(30, dict("mode", "kill")),
                new Yield(30, dict(), list(dict("secret", "s", "role", "user")), Map.of()),
                new Yield(31, dict("progress", true), args, kwargs),
                new Yield(32, dict(), List.of(), Map.of()));
    }
}
