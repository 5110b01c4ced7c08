package io.natter.bench.wire;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import org.msgpack.jackson.dataformat.MessagePackFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** {@link Wire} for {@code wamp.2.msgpack}. */
public final class MsgPackWire implements Wire {

    private static final ObjectMapper MAPPER = new ObjectMapper(new MessagePackFactory());
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() { };

    MsgPackWire() {
    }

    @Override
    public String subprotocol() {
        return "wamp.2.msgpack";
    }

    @Override
    public String shortName() {
        return "msgpack";
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public Buffer publish(long request, String topic, byte[] payload) {
        return withUri(16, request, topic, payload);
    }

    @Override
    public Buffer call(long request, String procedure, byte[] payload) {
        return withUri(48, request, procedure, payload);
    }

    @Override
    public Buffer yield(long invocation, byte[] payload) {
        return withoutUri(70, invocation, payload);
    }

    @Override
    public Buffer result(long request, byte[] payload) {
        return withoutUri(50, request, payload);
    }

    private static Buffer withUri(int type, long id, String uri, byte[] payload) {
        Buffer b = Buffer.buffer(24 + uri.length() + payload.length);
        b.appendByte((byte) 0x95).appendByte((byte) type);
        appendInt(b, id);
        b.appendByte((byte) 0x80);
        appendStr(b, uri.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        b.appendByte((byte) 0x91);
        appendStr(b, payload);
        return b;
    }

    private static Buffer withoutUri(int type, long id, byte[] payload) {
        Buffer b = Buffer.buffer(24 + payload.length);
        b.appendByte((byte) 0x94).appendByte((byte) type);
        appendInt(b, id);
        b.appendByte((byte) 0x80).appendByte((byte) 0x91);
        appendStr(b, payload);
        return b;
    }

    private static void appendInt(Buffer b, long v) {
        if (v >= 0 && v < 128) {
            b.appendByte((byte) v);
        } else if (v >= 0 && v < 256) {
            b.appendByte((byte) 0xcc).appendUnsignedByte((short) v);
        } else if (v >= 0 && v < 65536) {
            b.appendByte((byte) 0xcd).appendUnsignedShort((int) v);
        } else if (v >= 0 && v < (1L << 32)) {
            b.appendByte((byte) 0xce).appendUnsignedInt(v);
        } else {
            b.appendByte((byte) 0xcf).appendLong(v);
        }
    }

    private static void appendStr(Buffer b, byte[] s) {
        int n = s.length;
        if (n < 32) {
            b.appendByte((byte) (0xa0 | n));
        } else if (n < 256) {
            b.appendByte((byte) 0xd9).appendUnsignedByte((short) n);
        } else if (n < 65536) {
            b.appendByte((byte) 0xda).appendUnsignedShort(n);
        } else {
            b.appendByte((byte) 0xdb).appendInt(n);
        }
        b.appendBytes(s);
    }

    @Override
    public int type(Buffer frame) {
        int i = firstElement(frame);
        return i < 0 ? -1 : (int) readInt(frame, i);
    }

    @Override
    public long secondId(Buffer frame) {
        int i = firstElement(frame);
        if (i < 0 || i >= frame.length()) {
            return -1;
        }
        // The first element is a message type code, always a positive fixint.
        return readInt(frame, i + 1);
    }

    private static int firstElement(Buffer frame) {
        if (frame.length() < 2) {
            return -1;
        }
        int h = frame.getUnsignedByte(0);
        if ((h & 0xf0) == 0x90) {
            return 1;
        }
        if (h == 0xdc) {
            return 3;
        }
        if (h == 0xdd) {
            return 5;
        }
        return -1;
    }

    private static long readInt(Buffer frame, int i) {
        if (i >= frame.length()) {
            return -1;
        }
        int h = frame.getUnsignedByte(i);
        if (h < 0x80) {
            return h;
        }
        return switch (h) {
            case 0xcc -> frame.getUnsignedByte(i + 1);
            case 0xcd -> frame.getUnsignedShort(i + 1);
            case 0xce -> frame.getUnsignedInt(i + 1);
            case 0xcf, 0xd3 -> frame.getLong(i + 1);
            case 0xd0 -> frame.getByte(i + 1);
            case 0xd1 -> frame.getShort(i + 1);
            case 0xd2 -> frame.getInt(i + 1);
            default -> -1;
        };
    }

    @Override
    public Buffer encode(List<Object> message) {
        try {
            return Buffer.buffer(MAPPER.writeValueAsBytes(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Object> decode(Buffer frame) {
        try {
            return MAPPER.readValue(frame.getBytes(), LIST);
        } catch (IOException e) {
            throw new UncheckedIOException("not a MessagePack WAMP message", e);
        }
    }
}
