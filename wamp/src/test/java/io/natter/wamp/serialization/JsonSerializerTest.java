package io.natter.wamp.serialization;

import static io.natter.wamp.serialization.SampleMessages.dict;
import static io.natter.wamp.serialization.SampleMessages.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natter.wamp.message.Call;
import io.natter.wamp.message.Error;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Hello;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Published;
import io.natter.wamp.message.Unsubscribed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSerializerTest {

    private final Serializer json = Serializers.JSON;

    @Test
    void namesItsSubprotocol() {
        assertThat(json.subprotocol()).isEqualTo("wamp.2.json");
        assertThat(json.binary()).isFalse();
    }

    static Stream<Arguments> wireForms() {
        return Stream.of(
                Arguments.of(new Publish(1, dict(), "com.x", list(1), dict("a", 2)), "[16,1,{},\"com.x\",[1],{\"a\":2}]"),
                Arguments.of(new Publish(1, dict(), "com.x", List.of(), dict("a", 2)), "[16,1,{},\"com.x\",[],{\"a\":2}]"),
                Arguments.of(new Publish(1, dict(), "com.x", list("x"), Map.of()), "[16,1,{},\"com.x\",[\"x\"]]"),
                Arguments.of(new Publish(1, dict(), "com.x", List.of(), Map.of()), "[16,1,{},\"com.x\"]"),
                Arguments.of(new Hello("realm1", dict("roles", dict("subscriber", dict(), "publisher", dict()))),
                        "[1,\"realm1\",{\"roles\":{\"subscriber\":{},\"publisher\":{}}}]"),
                Arguments.of(new Error(Call.CODE, 7, dict(), "wamp.error.no_such_procedure", List.of(), Map.of()),
                        "[8,48,7,{},\"wamp.error.no_such_procedure\"]"),
                Arguments.of(new Unsubscribed(6, Map.of()), "[35,6]"),
                Arguments.of(new Unsubscribed(0, dict("subscription", 5, "reason", "wamp.error.not_authorized")),
                        "[35,0,{\"subscription\":5,\"reason\":\"wamp.error.not_authorized\"}]"),
                Arguments.of(new Event(1, 2, dict(), list(new byte[] {1, 2, 3}, null, true, 2.5), Map.of()),
                        "[36,1,2,{},[\"\\u0000AQID\",null,true,2.5]]"),
                Arguments.of(new Published(9007199254740992L, 0), "[17,9007199254740992,0]"),
                Arguments.of(new Event(1, 2, dict("ü", "日本 😀"), List.of(), Map.of()), "[36,1,2,{\"ü\":\"日本 😀\"}]"));
    }

    @ParameterizedTest
    @MethodSource("wireForms")
    void writesTheSpecWireForm(Message message, String wire) throws WampDecodeException {
        assertThat(new String(json.encode(message), StandardCharsets.UTF_8)).isEqualTo(wire);
        SerializersTest.assertSameMessage(json.decode(wire.getBytes(StandardCharsets.UTF_8)), message);
    }

    @Test
    void readsWhitespaceAndEscapes() throws WampDecodeException {
        Message message = json.decode(" \n[ 16 , 1 , { \"k\" : \"\\u00fc\\ud83d\\ude00\" } , \"t\" , [ -0, 1e2 ] ]\t".getBytes(
                StandardCharsets.UTF_8));

        assertThat(message).isEqualTo(new Publish(1, dict("k", "ü😀"), "t", list(0, 100.0), Map.of()));
    }

    @Test
    void decodesBinaryStringsToBytes() throws WampDecodeException {
        Publish publish = (Publish) json.decode("[16,1,{},\"t\",[\"\\u0000AQID\",\"\\u0000\",\"plain\"]]".getBytes(
                StandardCharsets.UTF_8));

        assertThat(publish.args().get(0)).isEqualTo(new byte[] {1, 2, 3});
        assertThat(publish.args().get(1)).isEqualTo(new byte[0]);
        assertThat(publish.args().get(2)).isEqualTo("plain");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("not JSON", "hello", "malformed JSON"),
                bad("empty frame", "", "frame is empty"),
                bad("blank frame", "   ", "frame is empty"),
                bad("a dict", "{\"a\":1}", "must be a JSON array"),
                bad("a number", "42", "must be a JSON array"),
                bad("empty array", "[]", "empty array"),
                bad("unknown type", "[7,{}]", "unknown message type 7"),
                bad("unknown big type", "[4294967297,\"r\",{}]", "unknown message type"),
                bad("string type", "[\"1\",\"realm1\",{}]", "element 0 (message type) must be an integer"),
                bad("float type", "[1.0,\"realm1\",{}]", "element 0 (message type) must be an integer"),
                bad("null type", "[null]", "element 0 (message type) must be an integer"),
                bad("too few", "[1,\"realm1\"]", "HELLO: expected 3 elements, got 2"),
                bad("too few publish", "[16,1,{}]", "PUBLISH: expected 4 to 6 elements, got 3"),
                bad("too many", "[1,\"realm1\",{},{}]", "HELLO: expected 3 elements, got 4"),
                bad("too many publish", "[16,1,{},\"t\",[],{},1]", "PUBLISH: expected 4 to 6 elements, got 7"),
                bad("too many unsubscribed", "[35,1,{},{}]", "UNSUBSCRIBED: expected 2 to 3 elements"),
                bad("realm not string", "[1,1,{}]", "HELLO: element 1 (Realm) must be a string, not 1"),
                bad("details a list", "[1,\"r\",[]]", "HELLO: element 2 (Details) must be a dict, not a list"),
                bad("options a list", "[16,1,[],\"t\"]", "PUBLISH: element 2 (Options) must be a dict, not a list"),
                bad("null options", "[16,1,null,\"t\"]", "PUBLISH: element 2 (Options) must be a dict, not null"),
                bad("kwargs without args", "[16,1,{},\"t\",{\"a\":1}]",
                        "PUBLISH: element 4 (Arguments) must be a list, not a dict"),
                bad("kwargs a list", "[48,1,{},\"p\",[],[]]", "CALL: element 5 (ArgumentsKw) must be a dict, not a list"),
                bad("args a string", "[36,1,2,{},\"x\"]", "EVENT: element 4 (Arguments) must be a list, not a string"),
                bad("revocation details a list", "[67,0,[]]", "UNREGISTERED: element 2 (Details) must be a dict"),
                bad("reason not string", "[6,{},true]", "GOODBYE: element 2 (Reason) must be a string, not a boolean"),
                bad("binary topic", "[32,1,{},\"\\u0000AQID\"]", "SUBSCRIBE: element 3 (Topic) must be a string, not binary"),
                bad("negative id", "[17,-1,1]", "PUBLISHED: element 1 (Request) must be an ID"),
                bad("id above 2^53", "[17,1,9007199254740993]", "PUBLISHED: element 2 (Publication) must be an ID"),
                bad("huge id", "[17,99999999999999999999,1]", "beyond 64 bits"),
                bad("float id", "[17,1.0,1]", "PUBLISHED: element 1 (Request) must be an ID (an integer in [0, 2^53]), not a float"),
                bad("exponent id", "[17,1e3,1]", "not a float"),
                bad("string id", "[17,\"1\",1]", "not a string"),
                bad("error for PUBLISHED", "[8,17,1,{},\"e\"]", "ERROR: element 1 (REQUEST.Type) must be the code of"),
                bad("error for CANCEL", "[8,49,1,{},\"e\"]", "ERROR: element 1 (REQUEST.Type)"),
                bad("error type a string", "[8,\"48\",1,{},\"e\"]", "ERROR: element 1 (REQUEST.Type)"),
                bad("trailing garbage", "[1,\"r\",{}] x", "malformed JSON"),
                bad("trailing message", "[1,\"r\",{}][1,\"r\",{}]", "data after the message array"),
                bad("trailing comma", "[1,\"r\",{},]", "malformed JSON"),
                bad("truncated", "[1,\"r\",{", "malformed JSON"),
                bad("deep nesting", "[16,1,{},\"t\"," + "[".repeat(200) + "]".repeat(200) + "]", "deeper than 100"),
                bad("duplicate key", "[1,\"r\",{\"a\":1,\"a\":2}]", "key \"a\" twice"),
                bad("bad base64", "[16,1,{},\"t\",[\"\\u0000!!\"]]", "not valid Base64"),
                bad("unpaired surrogate", "[16,1,{},\"t\",[\"\\ud800\"]]", "unpaired surrogate"),
                bad("unpaired surrogate key", "[16,1,{\"\\udc00\":1},\"t\"]", "surrogate"),
                bad("double overflow", "[16,1,{},\"t\",[1e400]]", "out of the double range"),
                bad("integer beyond 64 bits", "[16,1,{},\"t\",[18446744073709551616]]", "beyond 64 bits"),
                bad("NaN", "[16,1,{},\"t\",[NaN]]", "malformed JSON"),
                bad("single quotes", "[1,'r',{}]", "malformed JSON"),
                bad("comment", "[1,\"r\",{} /* x */]", "malformed JSON"),
                bad("invalid UTF-8", bytes("[1,\"r", 0xc3, 0x28, "\",{}]"), "malformed JSON"),
                bad("UTF-8 surrogate", bytes("[1,\"r", 0xed, 0xa0, 0x80, "\",{}]"), "malformed JSON"),
                bad("UTF-16", "[1,\"r\",{}]".getBytes(StandardCharsets.UTF_16LE), "not UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedFrames(String name, byte[] frame, String message) {
        assertThatThrownBy(() -> json.decode(frame))
                .isInstanceOf(WampDecodeException.class)
                .hasMessageContaining(message);
    }

    @Test
    void acceptsTheLargestId() throws WampDecodeException {
        assertThat(json.decode("[17,9007199254740992,0]".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Published(1L << 53, 0));
    }

    private static Arguments bad(String name, String frame, String message) {
        return bad(name, frame.getBytes(StandardCharsets.UTF_8), message);
    }

    private static Arguments bad(String name, byte[] frame, String message) {
        return Arguments.of(name, frame, message);
    }

    /** Text pieces as UTF-8 and integers as raw bytes, to spell invalid UTF-8. */
    static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    @Test
    void threadsDoNotShareJacksonBuffers() throws Exception {
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads,
                r -> new io.netty.util.concurrent.FastThreadLocalThread(r));
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String text = ("thread " + t + " ").repeat(100 + t * 37);
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 2_000; i++) {
                        Publish publish = new Publish(i + 1, Map.of(), "com.example.t", List.of(text, i), Map.of("k", text));
                        Message back = json.decode(json.encode(publish));
                        if (back.equals(publish)) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (java.util.concurrent.Future<Integer> r : results) {
                assertThat(r.get()).isEqualTo(2_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
