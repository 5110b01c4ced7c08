package io.natter.wamp.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.wamp.message.Call;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Invocation;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.ReceivedArguments;
import io.natter.wamp.message.Result;
import io.natter.wamp.message.Yield;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** MessagePack arguments forwarded unchanged are copied as received, and mean the same. */
class MsgpackReceivedArgumentsTest {

    private static final Serializer JSON = Serializers.JSON;
    private static final Serializer MSGPACK = Serializers.MSGPACK;

    /**
     * Arguments as a sender may pack them and a re-encoding would not: a small integer as uint64,
     * a short string as str8, a float32, a binary, a nested map, 2^64 - 1.
     */
    private static byte[] args() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(6);
        p.addPayload(new byte[] {(byte) 0xcf, 0, 0, 0, 0, 0, 0, 0, 5}); // uint64 5
        p.addPayload(new byte[] {(byte) 0xd9, 3, 'c', 'a', 'f'}); // str8 "caf"
        p.packFloat(1.5f);
        p.packBinaryHeader(3);
        p.writePayload(new byte[] {1, 2, 3});
        p.packMapHeader(1);
        p.packString("k");
        p.packArrayHeader(2);
        p.packBoolean(true);
        p.packNil();
        p.packBigInteger(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        return p.toByteArray();
    }

    /** {@code [code, ...head, args, {"x": 1}]} packed, with {@link #args()} as they are. */
    private static byte[] frame(int code, Object... head) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(head.length + 3);
        p.packInt(code);
        for (Object h : head) {
            if (h instanceof String s) {
                p.packString(s);
            } else if (h instanceof Map<?, ?>) {
                p.packMapHeader(0);
            } else {
                p.packLong(((Number) h).longValue());
            }
        }
        p.writePayload(args());
        p.packMapHeader(1);
        p.packString("x");
        p.packInt(1);
        return p.toByteArray();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anEventOfAPublicationCarriesItsArgumentsBytesAsReceived() throws Exception {
        Publish p = (Publish) MSGPACK.decode(frame(Publish.CODE, 7, Map.of(), "com.example.t"));

        byte[] event = MSGPACK.encode(new Event(1, 2, Map.of(), p.args(), p.kwargs()));

        assertThat(contains(event, args())).isTrue();
        Event back = (Event) MSGPACK.decode(event);
        assertThat(back.args()).usingRecursiveComparison().isEqualTo(p.args());
        assertThat(back.args().get(0)).isEqualTo(5);
        assertThat(back.args().get(2)).isEqualTo(1.5);
        assertThat(back.args().get(3)).isEqualTo(new byte[] {1, 2, 3});
        assertThat(back.kwargs()).isEqualTo(Map.of("x", 1));
    }

    @Test
    void callAndYieldArgumentsTravelAsReceived() throws Exception {
        Call c = (Call) MSGPACK.decode(frame(Call.CODE, 1, Map.of(), "p"));
        assertThat(contains(MSGPACK.encode(new Invocation(5, 6, Map.of(), c.args(), c.kwargs())), args())).isTrue();

        Yield y = (Yield) MSGPACK.decode(frame(Yield.CODE, 5, Map.of()));
        assertThat(contains(MSGPACK.encode(new Result(1, Map.of(), y.args(), y.kwargs())), args())).isTrue();
    }

    @Test
    void aJsonPeerGetsTheValuesEncodedAnewAndChangedListsArePackedFromTheirValues() throws Exception {
        Publish p = (Publish) MSGPACK.decode(frame(Publish.CODE, 7, Map.of(), "t"));

        Event json = (Event) JSON.decode(JSON.encode(new Event(1, 2, Map.of(), p.args(), p.kwargs())));
        assertThat(json.args()).usingRecursiveComparison().isEqualTo(p.args());
        assertThat(ReceivedArguments.raw(p.args(), new Object())).isNull();

        List<Object> changed = new ArrayList<>(p.args());
        changed.set(1, "tea");
        byte[] event = MSGPACK.encode(new Event(1, 2, Map.of(), changed, Map.of()));
        assertThat(contains(event, args())).isFalse();
        assertThat(((Event) MSGPACK.decode(event)).args()).usingRecursiveComparison().isEqualTo(changed);
    }

    @Test
    void argumentsReceivedAsJsonAreNotCopiedIntoMessagePack() throws Exception {
        Publish p = (Publish) JSON.decode("[16, 7, {}, \"t\", [1, \"a\"]]".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Event back = (Event) MSGPACK.decode(MSGPACK.encode(new Event(1, 2, Map.of(), p.args(), p.kwargs())));

        assertThat(back.args()).isEqualTo(List.of(1, "a"));
    }
}
