package io.natter.bench.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** {@link Wire} for {@code wamp.2.json}. */
public final class JsonWire implements Wire {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() { };

    JsonWire() {
    }

    @Override
    public String subprotocol() {
        return "wamp.2.json";
    }

    @Override
    public String shortName() {
        return "json";
    }

    @Override
    public boolean binary() {
        return false;
    }

    @Override
    public Buffer publish(long request, String topic, byte[] payload) {
        return withUri("[16,", request, topic, payload);
    }

    @Override
    public Buffer call(long request, String procedure, byte[] payload) {
        return withUri("[48,", request, procedure, payload);
    }

    @Override
    public Buffer yield(long invocation, byte[] payload) {
        return withoutUri("[70,", invocation, payload);
    }

    @Override
    public Buffer result(long request, byte[] payload) {
        return withoutUri("[50,", request, payload);
    }

    private static Buffer withUri(String head, long id, String uri, byte[] payload) {
        Buffer b = Buffer.buffer(32 + uri.length() + payload.length);
        b.appendString(head);
        appendLong(b, id);
        b.appendString(",{},\"").appendString(uri).appendString("\",[\"");
        return b.appendBytes(payload).appendString("\"]]");
    }

    private static Buffer withoutUri(String head, long id, byte[] payload) {
        Buffer b = Buffer.buffer(32 + payload.length);
        b.appendString(head);
        appendLong(b, id);
        b.appendString(",{},[\"");
        return b.appendBytes(payload).appendString("\"]]");
    }

    private static void appendLong(Buffer b, long v) {
        if (v < 0) {
            b.appendString(Long.toString(v));
            return;
        }
        int start = b.length();
        do {
            b.appendByte((byte) ('0' + v % 10));
            v /= 10;
        } while (v != 0);
        for (int i = start, j = b.length() - 1; i < j; i++, j--) {
            byte t = b.getByte(i);
            b.setByte(i, b.getByte(j));
            b.setByte(j, t);
        }
    }

    @Override
    public int type(Buffer frame) {
        int i = skipSpace(frame, 0);
        if (i >= frame.length() || frame.getByte(i) != '[') {
            return -1;
        }
        return (int) readLong(frame, skipSpace(frame, i + 1));
    }

    @Override
    public long secondId(Buffer frame) {
        int n = frame.length();
        int i = 0;
        while (i < n && frame.getByte(i) != ',') {
            i++;
        }
        return i < n ? readLong(frame, skipSpace(frame, i + 1)) : -1;
    }

    private static int skipSpace(Buffer frame, int i) {
        int n = frame.length();
        while (i < n) {
            byte c = frame.getByte(i);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    private static long readLong(Buffer frame, int i) {
        int n = frame.length();
        long v = 0;
        int digits = 0;
        while (i < n) {
            byte c = frame.getByte(i);
            if (c < '0' || c > '9') {
                break;
            }
            v = v * 10 + (c - '0');
            digits++;
            i++;
        }
        return digits == 0 ? -1 : v;
    }

    @Override
    public Buffer encode(List<Object> message) {
        try {
            return Buffer.buffer(MAPPER.writeValueAsBytes(message));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Object> decode(Buffer frame) {
        try {
            return MAPPER.readValue(frame.getBytes(), LIST);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON WAMP message: " + frame, e);
        }
    }
}
