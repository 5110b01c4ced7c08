package io.natter.wamp.serialization;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.natter.wamp.message.Message;
import io.natter.wamp.message.ReceivedArguments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code wamp.2.json} serializer: UTF-8 JSON text, read through one shared Jackson
 * {@link JsonFactory} and written by {@link JsonWriter}.
 *
 * <p>Binary values follow the spec's convention: a {@code byte[]} travels as a string of a NUL
 * character followed by the Base64 of the bytes, and such strings decode back to {@code byte[]}
 * (so a text string that starts with NUL cannot cross JSON as text: the convention's own limit).
 * Doubles that JSON cannot hold (NaN, infinities, which only a MessagePack peer can send) are
 * written as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}. Strings with
 * unpaired surrogates are not Unicode text and are refused on decode, so that every decoded string
 * reaches MessagePack peers intact.
 *
 * <p>Arguments lists keep the text they arrived as ({@link ReceivedArguments}); when a message
 * with them is encoded in JSON again, that text is copied as it is (its values were decoded and
 * checked, so it is well-formed JSON of the same values).
 *
 * <p>Use the shared instance {@link Serializers#JSON}.
 */
public final class JsonSerializer implements Serializer {

    private static final char BINARY_PREFIX = '\u0000';
    /** Stands for this encoding in {@link ReceivedArguments}. */
    private static final Object ENCODING = JsonWriter.ENCODING;
    private static final BigInteger MIN_INTEGER = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_INTEGER = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // Our own reader stops one level earlier with a clearer message; this is the backstop.
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Serializers.MAX_DEPTH + 1).build())
            // Peers choose the keys: do not let them grow the JVM's string pool.
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .recyclerPool(FastRecyclerPool.INSTANCE)
            .build();

    JsonSerializer() {
    }

    @Override
    public String subprotocol() {
        return "wamp.2.json";
    }

    @Override
    public boolean binary() {
        return false;
    }

    @Override
    public byte[] encode(Message message) {
        Objects.requireNonNull(message, "message");
        try {
            return JsonWriter.write(message);
        } catch (IOException e) {
            // The sink is memory and ValueWriter already refused what JSON cannot hold.
            throw new UncheckedIOException("JSON generation failed", e);
        }
    }

    @Override
    public Message decode(byte[] frame) throws WampDecodeException {
        Objects.requireNonNull(frame, "frame");
        return MessageReader.read(parse(frame));
    }

    private static Object parse(byte[] frame) throws WampDecodeException {
        // Jackson guesses UTF-16 and UTF-32 from NUL bytes at the start; WAMP text is UTF-8 only.
        for (int i = 0; i < Math.min(4, frame.length); i++) {
            if (frame[i] == 0) {
                throw new WampDecodeException("frame is not UTF-8 JSON text");
            }
        }
        try (JsonParser parser = FACTORY.createParser(frame)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new WampDecodeException("frame is empty");
            }
            if (first != JsonToken.START_ARRAY) {
                throw new WampDecodeException("frame must be a JSON array");
            }
            Object value = readFrame(parser, frame);
            if (parser.nextToken() != null) {
                throw new WampDecodeException("frame has data after the message array");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new WampDecodeException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new WampDecodeException("malformed JSON: " + e, e);
        }
    }

    /**
     * Reads the frame's array (its START_ARRAY just read); its arrays, which in WAMP are only
     * arguments lists, keep where their text lies in {@code frame}.
     */
    @SuppressWarnings("unchecked") // readValue builds List<Object> for arrays
    private static List<Object> readFrame(JsonParser parser, byte[] frame) throws IOException, WampDecodeException {
        List<Object> elements = new ArrayList<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
            if (next != JsonToken.START_ARRAY) {
                elements.add(readValue(parser, next, 2));
                continue;
            }
            long start = parser.currentTokenLocation().getByteOffset();
            List<Object> list = (List<Object>) readValue(parser, next, 2);
            long end = parser.currentLocation().getByteOffset();
            elements.add(ReceivedArguments.of(list, ENCODING, new ReceivedArguments.Raw(frame, (int) start, (int) (end - start))));
        }
        return elements;
    }

    /** Reads the value that starts at {@code token}; containers opened here sit at {@code depth}. */
    private static Object readValue(JsonParser parser, JsonToken token, int depth)
            throws IOException, WampDecodeException {
        if (token == null) {
            throw new WampDecodeException("malformed JSON: unexpected end of input");
        }
        switch (token) {
            case START_ARRAY:
                Serializers.checkDepth(depth);
                List<Object> list = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    list.add(readValue(parser, next, depth + 1));
                }
                return list;
            case START_OBJECT:
                Serializers.checkDepth(depth);
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next == JsonToken.FIELD_NAME; next = parser.nextToken()) {
                    String key = checkText(parser.currentName());
                    int size = map.size();
                    map.put(key, readValue(parser, parser.nextToken(), depth + 1));
                    if (map.size() == size) {
                        throw new WampDecodeException("dict has key \"" + key + "\" twice");
                    }
                }
                return map;
            case VALUE_STRING:
                return string(parser.getText());
            case VALUE_NUMBER_INT:
                return integer(parser);
            case VALUE_NUMBER_FLOAT:
                double d = parser.getDoubleValue();
                if (!Double.isFinite(d)) {
                    throw new WampDecodeException("number " + parser.getText() + " is out of the double range");
                }
                return d;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new WampDecodeException("unexpected JSON token " + token);
        }
    }

    private static Object integer(JsonParser parser) throws IOException, WampDecodeException {
        switch (parser.getNumberType()) {
            case INT:
                return parser.getIntValue();
            case LONG:
                return parser.getLongValue();
            default:
                BigInteger big = parser.getBigIntegerValue();
                // MessagePack holds no more; refusing here keeps every decoded value forwardable.
                if (big.compareTo(MIN_INTEGER) < 0 || big.compareTo(MAX_INTEGER) > 0) {
                    throw new WampDecodeException("integer " + big + " is beyond 64 bits");
                }
                return big;
        }
    }

    private static Object string(String text) throws WampDecodeException {
        if (text.isEmpty() || text.charAt(0) != BINARY_PREFIX) {
            return checkText(text);
        }
        try {
            return Base64.getDecoder().decode(text.substring(1));
        } catch (IllegalArgumentException e) {
            throw new WampDecodeException("binary string is not valid Base64: " + e.getMessage(), e);
        }
    }

    /** JSON's \\u escapes can spell unpaired surrogates, which no UTF-8 peer could receive. */
    private static String checkText(String text) throws WampDecodeException {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw new WampDecodeException("string has an unpaired surrogate at index " + i);
                }
            }
        }
        return text;
    }
}
