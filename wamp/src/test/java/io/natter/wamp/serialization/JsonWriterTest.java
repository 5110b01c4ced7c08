package io.natter.wamp.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.natter.wamp.message.Event;
import io.natter.wamp.message.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written JSON writer writes the text Jackson's generator wrote, byte for byte. */
class JsonWriterTest {

    private static final JsonFactory JACKSON = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    /** The JSON primitives as the serializer wrote them through Jackson before. */
    private static final class Reference extends ValueWriter {
        private final JsonGenerator out;

        Reference(JsonGenerator out) {
            this.out = out;
        }

        @Override
        void writeNull() throws IOException {
            out.writeNull();
        }

        @Override
        void writeBoolean(boolean value) throws IOException {
            out.writeBoolean(value);
        }

        @Override
        void writeLong(long value) throws IOException {
            out.writeNumber(value);
        }

        @Override
        void writeBigInteger(BigInteger value) throws IOException {
            out.writeNumber(value);
        }

        @Override
        void writeDouble(double value) throws IOException {
            out.writeNumber(value);
        }

        @Override
        void writeString(String value) throws IOException {
            out.writeString(value);
        }

        @Override
        void writeBinary(byte[] value) throws IOException {
            out.writeString('\u0000' + Base64.getEncoder().encodeToString(value));
        }

        @Override
        void startArray(int size) throws IOException {
            out.writeStartArray();
        }

        @Override
        void endArray() throws IOException {
            out.writeEndArray();
        }

        @Override
        void startMap(int size) throws IOException {
            out.writeStartObject();
        }

        @Override
        void writeKey(String key) throws IOException {
            out.writeFieldName(key);
        }

        @Override
        void endMap() throws IOException {
            out.writeEndObject();
        }
    }

    private static String jackson(Message message) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator generator = JACKSON.createGenerator(bytes)) {
            MessageWriter.write(message, new Reference(generator));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String ours(Message message) throws IOException {
        return new String(JsonWriter.write(message), StandardCharsets.UTF_8);
    }

    private static Event event(List<Object> args, Map<String, Object> kwargs) {
        return new Event(1, Long.MAX_VALUE, Map.of(), args, kwargs);
    }

    @Test
    void escapesAndNumbersAsJacksonDid() throws IOException {
        List<Object> args = new ArrayList<>();
        args.add("quote \" backslash \\ slash / controls \u0000\u0001\b\t\n\u000b\f\r\u001f del \u007f");
        args.add("é ü ß 日本 😀 lone \ud800 x \udc00 end \ud83d");
        args.add(Long.MIN_VALUE);
        args.add(Long.MAX_VALUE);
        args.add(0);
        args.add(-7);
        args.add(new BigInteger("18446744073709551615"));
        args.add(Double.NaN);
        args.add(Double.POSITIVE_INFINITY);
        args.add(Double.NEGATIVE_INFINITY);
        args.add(-0.0);
        args.add(1e-300);
        args.add(123456789.125);
        args.add(new byte[0]);
        args.add(new byte[] {-1, 0, 1});
        args.add(null);
        args.add(true);
        args.add(false);
        args.add(List.of());
        args.add(Map.of());
        args.add(List.of(List.of(List.of()), Map.of("a", List.of(1, Map.of()))));
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("", "");
        kwargs.put("k\"\n😀", List.of(1));

        assertThat(ours(event(args, kwargs))).isEqualTo(jackson(event(args, kwargs)));
    }

    @Test
    void randomMessagesAsJacksonDid() throws IOException {
        Random random = new Random(20261205);
        for (int i = 0; i < 3_000; i++) {
            List<Object> args = new ArrayList<>();
            for (int n = random.nextInt(5); n > 0; n--) {
                args.add(value(random, 0));
            }
            Map<String, Object> kwargs = new LinkedHashMap<>();
            for (int n = random.nextInt(3); n > 0; n--) {
                kwargs.put(string(random), value(random, 0));
            }
            Event event = event(args, kwargs);
            assertThat(ours(event)).as("case %d", i).isEqualTo(jackson(event));
        }
    }

    private static char special(Random random) {
        return "\"\\?\n\u0001\u00e9\u65e5\ud800\udc00".charAt(random.nextInt(9));
    }

    @Test
    void longPlainTextAndLongTextWithOneThingToEscape() throws IOException {
        String plain = "the quick brown fox jumps over the lazy dog, 0123456789 {}[]:,/~".repeat(3);
        for (String odd : new String[] {"", "\"", "\\", "?", "\n", "\u007f", "\u00e9", "\ud83d\ude00", "\ud800", "\udc00"}) {
            for (String text : new String[] {plain + odd, odd + plain, plain.substring(0, 40) + odd + plain}) {
                Event event = event(List.of(text), Map.of("k", text));
                assertThat(ours(event)).as(odd).isEqualTo(jackson(event));
            }
        }
    }

    @Test
    void messagesLargerThanTheRecycledBufferAndAfterThem() throws IOException {
        for (int size : new int[] {10, 1_000, 5_000, 200_000, 10}) {
            Event event = event(List.of("x".repeat(size), "\n".repeat(size / 10)), Map.of());
            assertThat(ours(event)).isEqualTo(jackson(event));
        }
    }

    private static Object value(Random random, int depth) {
        int kind = random.nextInt(depth < 3 ? 10 : 8);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt(3) == 0 ? random.nextLong() : (long) random.nextInt(2000) - 1000;
            case 3 -> new BigInteger(64, random).setBit(63);
            case 4 -> random.nextInt(4) == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble() * 1e6;
            case 5, 6 -> string(random);
            case 7 -> {
                byte[] bytes = new byte[random.nextInt(8)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 8 -> {
                List<Object> list = new ArrayList<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    list.add(value(random, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    map.put(string(random), value(random, depth + 1));
                }
                yield map;
            }
        };
    }

    /**
     * Mostly ASCII, with controls, quotes, backslashes, Latin-1, CJK, pairs and lone surrogates;
     * one in four long enough for the plain-text path, and then mostly plain.
     */
    private static String string(Random random) {
        StringBuilder s = new StringBuilder();
        if (random.nextInt(4) == 0) {
            for (int n = 60 + random.nextInt(140); n > 0; n--) {
                s.append((char) (0x20 + random.nextInt(0x5f)));
            }
            if (random.nextBoolean()) {
                s.setCharAt(random.nextInt(s.length()), special(random));
            }
            return s.toString();
        }
        for (int n = random.nextInt(12); n > 0; n--) {
            switch (random.nextInt(8)) {
                case 0 -> s.append((char) random.nextInt(0x20));
                case 1 -> s.append("\"\\/".charAt(random.nextInt(3)));
                case 2 -> s.append((char) (0x80 + random.nextInt(0x780)));
                case 3 -> s.append((char) (0x800 + random.nextInt(0xD000)));
                case 4 -> s.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 5 -> s.append((char) (0xD800 + random.nextInt(0x800)));
                default -> s.append((char) (0x20 + random.nextInt(0x60)));
            }
        }
        return s.toString();
    }
}
