package io.natter.wamp.serialization;

import static io.natter.wamp.serialization.SampleMessages.dict;
import static io.natter.wamp.serialization.SampleMessages.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natter.wamp.message.Message;
import io.natter.wamp.message.Publish;
import io.natter.wamp.message.Published;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

class MsgpackSerializerTest {

    private final Serializer msgpack = Serializers.MSGPACK;

    @ParameterizedTest
    @ValueSource(ints = {1, 600, 70_000})
    void textOfAnyLengthIsPackedAsUtf8WithAnUnpairedSurrogateAsAQuestionMark(int length) throws Exception {
        String text = "é€😀".repeat(length) + "\ud800";
        Message m = new Publish(1, Map.of(), "com.example.t", SampleMessages.list(text), Map.of());

        Message back = Serializers.MSGPACK.decode(Serializers.MSGPACK.encode(m));

        assertThat(((Publish) back).args()).containsExactly("é€😀".repeat(length) + "?");
    }

    @Test
    void namesItsSubprotocol() {
        assertThat(msgpack.subprotocol()).isEqualTo("wamp.2.msgpack");
        assertThat(msgpack.binary()).isTrue();
    }

    @Test
    void writesTheSpecWireForm() throws WampDecodeException {
        Publish publish = new Publish(1, dict(), "com.x", list(1, new byte[] {7}), dict("a", 2));
        // [16, 1, {}, "com.x", [1, bin(07)], {"a": 2}]
        byte[] wire = HexFormat.of().parseHex("961001" + "80" + "a5636f6d2e78" + "9201c40107" + "81a16102");

        assertThat(HexFormat.of().formatHex(msgpack.encode(publish))).isEqualTo(HexFormat.of().formatHex(wire));
        SerializersTest.assertSameMessage(msgpack.decode(wire), publish);
    }

    @Test
    void readsWideIntegerEncodingsAsTheNarrowestBox() throws WampDecodeException {
        byte[] frame = pack(p -> {
            p.packArrayHeader(4).packInt(16).packInt(1).packMapHeader(0).packString("t");
        });
        // Re-encode with uint64/int64 forms that a different MessagePack library might choose.
        byte[] wide = pack(p -> {
            p.packArrayHeader(5);
            p.packBigInteger(BigInteger.valueOf(16).add(BigInteger.ONE.shiftLeft(63)).subtract(BigInteger.ONE.shiftLeft(63)));
            p.packLong(1).packMapHeader(0).packString("t");
            p.packArrayHeader(3);
            p.addPayload(HexFormat.of().parseHex("cf0000000000000005")); // uint64 5
            p.addPayload(HexFormat.of().parseHex("d3fffffffffffffffe")); // int64 -2
            p.addPayload(HexFormat.of().parseHex("cfffffffffffffffff")); // uint64 2^64-1
        });

        assertThat(msgpack.decode(frame)).isEqualTo(new Publish(1, dict(), "t", list(), Map.of()));
        Publish publish = (Publish) msgpack.decode(wide);
        assertThat(publish.args()).containsExactly(5, -2, new BigInteger("18446744073709551615"));
    }

    @Test
    void readsFloat32AsDouble() throws WampDecodeException {
        byte[] frame = pack(p -> p.packArrayHeader(5).packInt(16).packInt(1).packMapHeader(0).packString("t")
                .packArrayHeader(1).packFloat(1.5f));

        assertThat(((Publish) msgpack.decode(frame)).args()).containsExactly(1.5);
    }

    static Stream<Arguments> malformed() {
        byte[] valid = Serializers.MSGPACK.encode(new Published(1, 2));
        return Stream.of(
                bad("empty frame", new byte[0], "frame is empty"),
                bad("unused byte 0xc1", hex("c1"), "0xc1 is not MessagePack"),
                bad("a map", pack(p -> p.packMapHeader(0)), "must be a MessagePack array"),
                bad("a string", pack(p -> p.packString("hello")), "must be a MessagePack array"),
                bad("empty array", hex("90"), "empty array"),
                bad("unknown type", pack(p -> p.packArrayHeader(2).packInt(7).packMapHeader(0)), "unknown message type 7"),
                bad("string type", pack(p -> p.packArrayHeader(3).packString("1").packString("r").packMapHeader(0)),
                        "element 0 (message type) must be an integer"),
                bad("float type", pack(p -> p.packArrayHeader(3).packDouble(1).packString("r").packMapHeader(0)),
                        "element 0 (message type) must be an integer"),
                bad("too few", pack(p -> p.packArrayHeader(2).packInt(1).packString("r")), "HELLO: expected 3 elements"),
                bad("too many", pack(p -> p.packArrayHeader(4).packInt(17).packInt(1).packInt(2).packInt(3)),
                        "PUBLISHED: expected 3 elements, got 4"),
                bad("details a list", pack(p -> p.packArrayHeader(3).packInt(1).packString("r").packArrayHeader(0)),
                        "HELLO: element 2 (Details) must be a dict, not a list"),
                bad("binary realm", pack(p -> p.packArrayHeader(3).packInt(1).packBinaryHeader(1).writePayload(new byte[] {65})
                        .packMapHeader(0)), "HELLO: element 1 (Realm) must be a string, not binary"),
                bad("negative id", pack(p -> p.packArrayHeader(3).packInt(17).packInt(-1).packInt(2)),
                        "PUBLISHED: element 1 (Request) must be an ID"),
                bad("id above 2^53", pack(p -> p.packArrayHeader(3).packInt(17).packLong((1L << 53) + 1).packInt(2)),
                        "PUBLISHED: element 1 (Request) must be an ID"),
                bad("uint64 id", pack(p -> p.packArrayHeader(3).packInt(17).packBigInteger(new BigInteger("18446744073709551615"))
                        .packInt(2)), "must be an ID"),
                bad("float id", pack(p -> p.packArrayHeader(3).packInt(17).packDouble(1.0).packInt(2)), "not a float"),
                bad("nil id", pack(p -> p.packArrayHeader(3).packInt(17).packNil().packInt(2)), "not null"),
                bad("kwargs without args", pack(p -> p.packArrayHeader(5).packInt(16).packInt(1).packMapHeader(0)
                        .packString("t").packMapHeader(0)), "PUBLISH: element 4 (Arguments) must be a list, not a dict"),
                bad("error for EVENT", pack(p -> p.packArrayHeader(5).packInt(8).packInt(36).packInt(1).packMapHeader(0)
                        .packString("e")), "ERROR: element 1 (REQUEST.Type)"),
                bad("integer key", pack(p -> p.packArrayHeader(3).packInt(1).packString("r").packMapHeader(1).packInt(1)
                        .packInt(2)), "dict keys must be strings, not INTEGER"),
                bad("boolean key", pack(p -> p.packArrayHeader(3).packInt(1).packString("r").packMapHeader(1)
                        .packBoolean(true).packInt(2)), "dict keys must be strings"),
                bad("binary key", pack(p -> p.packArrayHeader(3).packInt(1).packString("r").packMapHeader(1)
                        .packBinaryHeader(1).writePayload(new byte[] {97}).packInt(2)), "dict keys must be strings"),
                bad("nil key", pack(p -> p.packArrayHeader(3).packInt(1).packString("r").packMapHeader(1).packNil()
                        .packInt(2)), "dict keys must be strings"),
                bad("array key", pack(p -> p.packArrayHeader(3).packInt(1).packString("r").packMapHeader(1)
                        .packArrayHeader(0).packInt(2)), "dict keys must be strings"),
                bad("duplicate key", pack(p -> p.packArrayHeader(3).packInt(1).packString("r").packMapHeader(2)
                        .packString("a").packInt(1).packString("a").packInt(2)), "key \"a\" twice"),
                bad("invalid UTF-8", pack(p -> p.packArrayHeader(3).packInt(1).packRawStringHeader(2)
                        .writePayload(new byte[] {(byte) 0xc3, 0x28}).packMapHeader(0)), "not valid UTF-8"),
                bad("UTF-8 surrogate", pack(p -> p.packArrayHeader(3).packInt(1).packRawStringHeader(3)
                        .writePayload(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}).packMapHeader(0)), "not valid UTF-8"),
                bad("invalid UTF-8 key", pack(p -> p.packArrayHeader(3).packInt(1).packString("r").packMapHeader(1)
                        .packRawStringHeader(1).writePayload(new byte[] {(byte) 0xff}).packInt(1)), "not valid UTF-8"),
                bad("extension type", pack(p -> p.packArrayHeader(5).packInt(16).packInt(1).packMapHeader(0).packString("t")
                        .packArrayHeader(1).packExtensionTypeHeader((byte) 1, 1).writePayload(new byte[] {0})),
                        "extension types"),
                bad("timestamp extension", pack(p -> p.packArrayHeader(5).packInt(16).packInt(1).packMapHeader(0)
                        .packString("t").packArrayHeader(1).packTimestamp(0L)), "extension types"),
                bad("trailing data", concat(valid, hex("00")), "data after the message array"),
                bad("two messages", concat(valid, valid), "data after the message array"),
                bad("truncated", Arrays.copyOf(valid, valid.length - 1), "runs past the end of the frame"),
                bad("truncated string", Arrays.copyOf(pack(p -> p.packArrayHeader(3).packInt(1).packString("realm1")
                        .packMapHeader(0)), 5), "runs past the end of the frame"),
                bad("array longer than frame", hex("dd7fffffff01"), "runs past the end of the frame"),
                bad("map longer than frame", hex("93" + "01" + "a172" + "df7fffffff"), "runs past the end of the frame"),
                bad("string longer than frame", hex("9301dbffffffff"), "malformed MessagePack"),
                bad("binary longer than frame", hex("9301c6000fffff61"), "runs past the end of the frame"),
                bad("deep nesting", concat(hex("9510010a"), pack(p -> p.packString("t")), hex("91".repeat(200) + "90")),
                        "deeper than 100"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedFrames(String name, byte[] frame, String message) {
        assertThatThrownBy(() -> msgpack.decode(frame))
                .isInstanceOf(WampDecodeException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesEveryProperPrefixOfAValidFrame() {
        Message message = SampleMessages.all().stream().filter(m -> m.code() == Publish.CODE).reduce((a, b) -> b)
                .orElseThrow();
        byte[] frame = msgpack.encode(message);

        for (int length = 0; length < frame.length; length++) {
            byte[] prefix = Arrays.copyOf(frame, length);
            assertThatThrownBy(() -> msgpack.decode(prefix)).as("prefix of %d bytes", length)
                    .isInstanceOf(WampDecodeException.class);
        }
    }

    @FunctionalInterface
    interface Packing {
        void pack(MessageBufferPacker packer) throws IOException;
    }

    static byte[] pack(Packing packing) {
        MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
        try {
            packing.pack(packer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return packer.toByteArray();
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static Arguments bad(String name, byte[] frame, String message) {
        return Arguments.of(name, frame, message);
    }
}
